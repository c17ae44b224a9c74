package org.newsgraph.lookahead;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The lookahead path (statement connections preloading their statements' subtree, answered by
 * {@link PreloadedFieldsConfiguration}'s fetchers) and the fallback path (the same fields reached from
 * statements that no connection loaded, through the batched controller methods) give identical JSON.
 */
@IntegrationTest
class LookaheadTest {

    // language=GraphQL (small enough for the query-cost limit: lists count 20 items unless paged)
    private static final String SUBTREE = """
            fragment S on Statement {
              id text kind
              speaker { id name }
              article { id title url }
              events { id title participants { role actor { id name } } }
            }""";

    @LocalServerPort
    int port;

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    PreloadedFieldsConfiguration preloadedFields;

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String document, Map<String, Object> variables) {
        Map<String, Object> response = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/graphql")
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(response).doesNotContainKey("errors");
        return (Map<String, Object>) response.get("data");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Object connection) {
        var edges = (List<Map<String, Object>>) ((Map<String, Object>) connection).get("edges");
        return edges.stream()
                .map(edge -> (Map<String, Object>) edge.get("node"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> fallback(List<Map<String, Object>> statements) {
        List<Object> ids = statements.stream().map(s -> s.get("id")).toList();
        var data = data("query($ids: [ID!]!) { nodes(ids: $ids) { ...S } }\n" + SUBTREE, Map.of("ids", ids));
        return (List<Map<String, Object>>) data.get("nodes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void statementsUnderActors_answerLikeTheSameStatementsByNode() {
        var data = data(
                "query { actors(first: 10) { edges { node { statements(first: 5) { edges { node { ...S } } } } } } }\n"
                        + SUBTREE,
                Map.of());
        var lookahead = new ArrayList<Map<String, Object>>();
        nodes(data.get("actors")).forEach(actor -> lookahead.addAll(nodes(actor.get("statements"))));
        assertThat(lookahead).isNotEmpty().hasSizeLessThanOrEqualTo(100);
        assertThat(lookahead)
                .as("some statement has an event with participants")
                .anyMatch(s -> ((List<Map<String, Object>>) s.get("events"))
                        .stream().anyMatch(e -> !((List<Object>) e.get("participants")).isEmpty()));
        assertThat(lookahead).isEqualTo(fallback(lookahead));
    }

    @Test
    void statementsAtTheTop_answerLikeTheSameStatementsByNode() {
        var data = data("query { statements(first: 60) { edges { node { ...S } } } }\n" + SUBTREE, Map.of());
        var lookahead = nodes(data.get("statements"));
        assertThat(lookahead).isNotEmpty();
        assertThat(lookahead).isEqualTo(fallback(lookahead));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sameFieldWithDifferentSelections_eachGetsItsOwnAnalysis() {
        // The per-request memo of selection analyses is keyed by the field's AST nodes: the alias asking
        // for totalCount after one that does not must still be counted.
        var data = data("""
                query { actors(first: 5) { edges { node { id
                  plain: statements(first: 2) { edges { node { id } } }
                  counted: statements(first: 2) { totalCount edges { node { id speaker { id } } } }
                } } } }""", Map.of());
        var actors = nodes(data.get("actors"));
        assertThat(actors).hasSize(5);
        for (var actor : actors) {
            var counted = (Map<String, Object>) actor.get("counted");
            var byNode = data(
                    "query($id: ID!) { node(id: $id) { ... on Actor { statements { totalCount } } } }",
                    Map.of("id", actor.get("id")));
            int expected =
                    (Integer) ((Map<String, Object>) ((Map<String, Object>) byNode.get("node")).get("statements"))
                            .get("totalCount");
            assertThat(counted.get("totalCount"))
                    .as("totalCount of %s", actor.get("id"))
                    .isEqualTo(expected);
            for (var statement : nodes(counted)) {
                assertThat(((Map<String, Object>) statement.get("speaker")).get("id"))
                        .isEqualTo(actor.get("id"));
            }
            assertThat(nodes(actor.get("plain")))
                    .allSatisfy(statement -> assertThat(statement).containsOnlyKeys("id"));
        }
    }

    @Test
    void preloadableFields_areTheMarkedMethods_andBypassTheControllerMachinery() {
        assertThat(preloadedFields.fields())
                .containsExactlyInAnyOrder(
                        FieldCoordinates.coordinates("Statement", "speaker"),
                        FieldCoordinates.coordinates("Statement", "article"),
                        FieldCoordinates.coordinates("Statement", "events"),
                        FieldCoordinates.coordinates("Event", "participants"),
                        FieldCoordinates.coordinates("EventParticipant", "actor"));
        var schema = graphQlSource.schema();
        for (FieldCoordinates coordinates : preloadedFields.fields()) {
            var type = (GraphQLObjectType) schema.getType(coordinates.getTypeName());
            var field = type.getFieldDefinition(coordinates.getFieldName());
            assertThat(schema.getCodeRegistry().getDataFetcher(coordinates, field))
                    .as(coordinates.toString())
                    .isInstanceOf(PreloadedFieldsConfiguration.PreloadedOrDelegate.class);
        }
    }
}
