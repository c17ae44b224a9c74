package org.newsgraph.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The connections that replace the unbounded lists (graphql/*-pages.graphqls), over HTTP on the demo data:
 * paging through one with small pages, forwards or backwards, gives exactly the plain list's items, each once;
 * a page of every parent of a level costs one SELECT whatever the number of parents; and they are costed by
 * their {@code first} like every connection, so a deep nesting of big pages is refused before it runs.
 */
@IntegrationTest
class ListConnectionsTest {

    @LocalServerPort
    int port;

    WebTestClient client;

    final java.util.Set<String> checkedEmpty = new java.util.HashSet<>();

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    // language=GraphQL
    private static final String EVENTS = """
            { events(first: 100) { edges { node {
                id
                participants { id } subEvents { id } relatedEvents { id } statusHistory { id }
            } } } }""";

    // language=GraphQL
    private static final String PAGE = """
            query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { node(id: $id) { ... on %s {
              %s(first: $first, after: $after, last: $last, before: $before) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
              }
            } } }""";

    @Test
    void eventListsPagedTwoAtATime_forwardsOrBackwards_giveThePlainListsItems_eachOnce() {
        int multiPage = 0;
        for (var event : nodes(execute(EVENTS, Map.of()), "events")) {
            var id = (String) event.get("id");
            multiPage += compare("Event", id, "participantsConnection", ids(event, "participants"), true);
            multiPage += compare("Event", id, "subEventsConnection", ids(event, "subEvents"), true);
            multiPage += compare("Event", id, "statusHistoryConnection", ids(event, "statusHistory"), true);
            // the connection's order is its own (outgoing first, then kind and row descending)
            multiPage += compare("Event", id, "relatedEventsConnection", ids(event, "relatedEvents"), false);
        }
        assertThat(multiPage).as("lists that took more than one page of 2").isGreaterThan(5);
    }

    @Test
    void actorRolesAndStatementRelations_pagedTwoAtATime_giveThePlainListsItems() {
        // language=GraphQL
        var actors = nodes(
                execute("{ actors(first: 100) { edges { node { id affiliations { id } } } } }", Map.of()), "actors");
        int withRoles = 0;
        for (var actor : actors) {
            var plain = ids(actor, "affiliations");
            compare("Actor", (String) actor.get("id"), "affiliationsConnection", plain, false);
            if (!plain.isEmpty()) withRoles++;
        }
        // language=GraphQL
        var statements = nodes(
                execute("{ statements(first: 100) { edges { node { id relations { id } } } } }", Map.of()),
                "statements");
        int withRelations = 0;
        for (var statement : statements) {
            var plain = ids(statement, "relations");
            compare("Statement", (String) statement.get("id"), "relationsConnection", plain, false);
            if (!plain.isEmpty()) withRelations++;
        }
        assertThat(withRoles).isPositive();
        assertThat(withRelations).isPositive();
    }

    @Test
    void aPageOfEveryEventOfALevel_costsOneSelectPerList_whateverTheNumberOfEvents() {
        // language=GraphQL
        var query = """
                query($n: Int) { events(first: $n) { edges { node {
                  participantsConnection(first: 2) { totalCount edges { node { role actor { name } } } }
                  subEventsConnection(first: 2) { edges { node { title } } }
                  relatedEventsConnection(first: 2) { edges { node { kind event { title } } } }
                  statusHistoryConnection(first: 2) { edges { node { status } } }
                } } } }""";
        long few = selects(execute(query, Map.of("n", 2)));
        long all = selects(execute(query, Map.of("n", 100)));
        assertThat(all).isEqualTo(few);
        // events, then one per connection, the participants' actors and the related events
        assertThat(all).isLessThanOrEqualTo(7);
    }

    @Test
    void nestedBigPages_areRefusedAsTooComplex_whileSmallPagesOfTheSameShapeRun() {
        // language=GraphQL
        var query = """
                query($n: Int) { events(first: $n) { edges { node {
                  participantsConnection(first: $n) { edges { node { actor {
                    affiliationsConnection(first: $n) { edges { node { title } } }
                  } } } }
                } } } }""";
        var big = execute(query, Map.of("n", 100));
        assertThat(code(big)).isEqualTo("QUERY_TOO_COMPLEX");
        var small = execute(query, Map.of("n", 3));
        assertThat(small).doesNotContainKey("errors");
    }

    /**
     * Pages through {@code field} of node {@code id} two at a time, forwards and backwards, and checks the items
     * against {@code plain} (in order when {@code ordered}); returns 1 when it took more than one page.
     */
    private int compare(String type, String id, String field, List<String> plain, boolean ordered) {
        var document = PAGE.formatted(type, field);
        if (plain.isEmpty() && !checkedEmpty.add(field)) {
            return 0; // one empty list per field is enough
        }
        var forwards = new ArrayList<String>();
        String after = null;
        int pages = 0;
        Number total = null;
        while (true) {
            var variables = new HashMap<String, Object>(Map.of("id", id, "first", 2));
            if (after != null) variables.put("after", after);
            var connection = connection(execute(document, variables), field);
            total = (Number) connection.get("totalCount");
            forwards.addAll(edgeIds(connection));
            pages++;
            var info = pageInfo(connection);
            if (!(Boolean) info.get("hasNextPage")) break;
            after = (String) info.get("endCursor");
            assertThat(pages).as(field + " of " + id + " ends").isLessThan(100);
        }
        var backwards = new ArrayList<String>();
        String before = null;
        while (true) {
            var variables = new HashMap<String, Object>(Map.of("id", id, "last", 2));
            if (before != null) variables.put("before", before);
            var connection = connection(execute(document, variables), field);
            backwards.addAll(0, edgeIds(connection));
            var info = pageInfo(connection);
            if (!(Boolean) info.get("hasPreviousPage")) break;
            before = (String) info.get("startCursor");
            assertThat(backwards.size())
                    .as(field + " of " + id + " ends backwards")
                    .isLessThan(200);
        }
        assertThat(forwards).as(field + " of " + id + " backwards").isEqualTo(backwards);
        assertThat(total.intValue()).as(field + " totalCount of " + id).isEqualTo(plain.size());
        if (ordered) {
            assertThat(forwards).as(field + " of " + id).isEqualTo(plain);
        } else {
            assertThat(forwards)
                    .as(field + " of " + id)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(plain);
        }
        return pages > 1 ? 1 : 0;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> connection(Map<String, Object> response, String field) {
        assertThat(response).doesNotContainKey("errors");
        var data = (Map<String, Object>) response.get("data");
        return (Map<String, Object>) ((Map<String, Object>) data.get("node")).get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pageInfo(Map<String, Object> connection) {
        return (Map<String, Object>) connection.get("pageInfo");
    }

    @SuppressWarnings("unchecked")
    private static List<String> edgeIds(Map<String, Object> connection) {
        return ((List<Map<String, Object>>) connection.get("edges"))
                .stream()
                        .map(edge -> (String) ((Map<String, Object>) edge.get("node")).get("id"))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> node, String list) {
        return ((List<Map<String, Object>>) node.get(list))
                .stream().map(item -> (String) item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> response, String field) {
        assertThat(response).doesNotContainKey("errors");
        var data = (Map<String, Object>) response.get("data");
        var edges = (List<Map<String, Object>>) ((Map<String, Object>) data.get(field)).get("edges");
        return edges.stream()
                .map((Function<Map<String, Object>, Map<String, Object>>) e -> (Map<String, Object>) e.get("node"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static String code(Map<String, Object> response) {
        var errors = (List<Map<String, Object>>) response.get("errors");
        assertThat(errors).isNotEmpty();
        return (String) ((Map<String, Object>) errors.get(0).get("extensions")).get("code");
    }

    @SuppressWarnings("unchecked")
    private long selects(Map<String, Object> response) {
        assertThat(response).doesNotContainKey("errors");
        var sql = (Map<String, Number>) ((Map<String, Object>) response.get("extensions")).get("sql");
        return sql.get("selects").longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> execute(String document, Map<String, Object> variables) {
        return client.post()
                .uri("/graphql")
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
