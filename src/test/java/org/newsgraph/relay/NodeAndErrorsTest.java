package org.newsgraph.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;
import org.springframework.graphql.ResponseError;

/** {@code node}/{@code nodes} resolve every type; bad arguments give clear errors with codes, never a 500. */
@IntegrationTest
class NodeAndErrorsTest extends DemoDataHttpTest {

    private String anyId(String type, String table) {
        return GlobalId.encode(
                type, jdbc.sql("select min(id) from " + table).query(Long.class).single());
    }

    @Test
    void node_resolvesEveryType_withItsOwnId() {
        for (var type : Map.of("Actor", "actors", "Article", "articles", "Event", "events", "Statement", "statements")
                .entrySet()) {
            String id = anyId(type.getKey(), type.getValue());
            // language=GraphQL
            graphQl.document("query($id: ID!) { node(id: $id) { __typename id } }")
                    .variable("id", id)
                    .execute()
                    .path("node.__typename")
                    .entity(String.class)
                    .isEqualTo(type.getKey())
                    .path("node.id")
                    .entity(String.class)
                    .isEqualTo(id);
        }
    }

    @Test
    void nodes_keepTheOrderAsked_withNullForUnknownIds() {
        String actor = anyId("Actor", "actors");
        String event = anyId("Event", "events");
        String unknown = GlobalId.encode("Statement", 987654321);
        // language=GraphQL
        graphQl.document("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }")
                .variable("ids", List.of(event, unknown, actor))
                .execute()
                .path("nodes[0].id")
                .entity(String.class)
                .isEqualTo(event)
                .path("nodes[1]")
                .valueIsNull()
                .path("nodes[2].__typename")
                .entity(String.class)
                .isEqualTo("Actor");
    }

    @Test
    void unknownButWellFormedIds_giveNull_withoutError() {
        // language=GraphQL
        graphQl.document("""
                query($actor: ID!, $node: ID!) { actor(id: $actor) { name } node(id: $node) { id } }""")
                .variable("actor", GlobalId.encode("Actor", 99999999))
                .variable("node", GlobalId.encode("Event", 99999999))
                .execute()
                .path("actor")
                .valueIsNull()
                .path("node")
                .valueIsNull();
    }

    private List<ResponseError> errorsOf(String document, Map<String, Object> variables) {
        var request = graphQl.document(document);
        for (var variable : variables.entrySet()) {
            request = request.variable(variable.getKey(), variable.getValue());
        }
        var errors = new ArrayList<ResponseError>();
        request.execute().errors().satisfy(errors::addAll);
        return errors;
    }

    private void assertError(String document, Map<String, Object> variables, String code, String messagePart) {
        var errors = errorsOf(document, variables);
        assertThat(errors).as(document).hasSize(1);
        assertThat(errors.get(0).getExtensions()).containsEntry("code", code);
        assertThat(errors.get(0).getMessage())
                .contains(messagePart)
                .doesNotContain("Exception")
                .doesNotContain("SQL");
    }

    @Test
    void malformedIds_giveInvalidId() {
        // language=GraphQL
        assertError("query { node(id: \"not-an-id\") { id } }", Map.of(), "INVALID_ID", "not-an-id");
        // language=GraphQL
        assertError(
                "query($id: ID!) { actor(id: $id) { name } }",
                Map.of("id", anyId("Event", "events")),
                "INVALID_ID",
                "Actor ID is expected");
        // language=GraphQL
        assertError("query { statements(filter: {speaker: \"%%%\"}) { totalCount } }", Map.of(), "INVALID_ID", "%%%");
        // language=GraphQL
        assertError("query { nodes(ids: [\"\"]) { id } }", Map.of(), "INVALID_ID", "not a valid NewsGraph ID");
    }

    @Test
    void badCursors_giveInvalidCursor() {
        // language=GraphQL
        assertError("query { statements(after: \"garbage!\") { totalCount } }", Map.of(), "INVALID_CURSOR", "garbage!");
        String actorCursor = graphQl.document("query { actors(first: 1) { edges { cursor } } }")
                .execute()
                .path("actors.edges[0].cursor")
                .entity(String.class)
                .get();
        // language=GraphQL
        assertError(
                "query($c: String) { events(before: $c, last: 2) { totalCount } }",
                Map.of("c", actorCursor),
                "INVALID_CURSOR",
                "not a cursor of this connection");
        String tampered = new Cursor("Statement", 1, "not-a-date").encode();
        // language=GraphQL
        assertError(
                "query($c: String) { statements(after: $c) { totalCount } }",
                Map.of("c", tampered),
                "INVALID_CURSOR",
                "damaged");
        // language=GraphQL
        assertError(
                "query($c: String) { search(query: \"Crimea\", after: $c) { totalCount } }",
                Map.of("c", new Cursor("Search", 1, "NaN:Planet").encode()),
                "INVALID_CURSOR",
                "damaged");
    }

    @Test
    void pageSizesOverTheCapOrNegative_areRefused_alsoOnNestedConnections() {
        // language=GraphQL
        assertError("query { actors(first: 101) { totalCount } }", Map.of(), "PAGE_SIZE_TOO_LARGE", "at most 100");
        // language=GraphQL
        assertError("query { events(last: 1000) { totalCount } }", Map.of(), "PAGE_SIZE_TOO_LARGE", "at most 100");
        // language=GraphQL
        assertError("query { articles(first: -1) { totalCount } }", Map.of(), "INVALID_PAGE_SIZE", "negative");
        // language=GraphQL
        assertError(
                "query { statements(first: 2, last: 2) { totalCount } }", Map.of(), "INVALID_PAGE_SIZE", "not both");
        // language=GraphQL
        assertError(
                "query { search(query: \"Crimea\", first: 500) { totalCount } }",
                Map.of(),
                "PAGE_SIZE_TOO_LARGE",
                "at most 100");
        // language=GraphQL
        var errors = errorsOf(
                "query { actors(first: 2) { edges { node { name statements(first: 200) { totalCount } } } } }",
                Map.of());
        assertThat(errors).isNotEmpty().allSatisfy(error -> {
            assertThat(error.getExtensions()).containsEntry("code", "PAGE_SIZE_TOO_LARGE");
            assertThat(error.getPath()).startsWith("actors.edges");
        });
    }

    @Test
    void otherBadArguments_giveClearErrors() {
        // language=GraphQL
        assertError("query { article { title } }", Map.of(), "INVALID_ARGUMENTS", "exactly one");
        // language=GraphQL
        assertError(
                "query { statements(filter: {saidFrom: \"2025-05-01\", saidTo: \"2025-04-01\"}) { totalCount } }",
                Map.of(),
                "INVALID_DATE_RANGE",
                "after");
        // language=GraphQL
        assertError("query { search(query: \"   \") { totalCount } }", Map.of(), "INVALID_SEARCH_QUERY", "something");
        // A malformed Date is refused by validation, with the expected form in the message.
        // language=GraphQL
        var errors = errorsOf("query { statements(filter: {saidFrom: \"22/04/2025\"}) { totalCount } }", Map.of());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getMessage()).contains("YYYY-MM-DD");
    }
}
