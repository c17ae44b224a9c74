package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * No N+1 in the analytics fields: the SELECTs a request runs ({@code extensions.sql}) do not grow with the
 * number of actors, events, groups or edges asked for.
 */
@IntegrationTest
class AnalyticsBatchingTest {

    @LocalServerPort
    int port;

    @SuppressWarnings("unchecked")
    private long selects(String document, Map<String, Object> variables) {
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
        var sql = (Map<String, Number>) ((Map<String, Object>) response.get("extensions")).get("sql");
        return sql.get("selects").longValue();
    }

    @Test
    void timelinesNetworksAndEvidence_ofManyActors_costTheSameSelectsAsOfOne() {
        // language=GraphQL
        String document = """
                query($n: Int) { actors(first: $n) { edges { node {
                    t: timeline(bucket: WEEK) { points { statements } }
                    f: timeline(bucket: MONTH, filter: {kind: DIRECT_QUOTE}) { points { statements } }
                    network(first: 5) { weight actor { name } events(first: 2) { title } statements(first: 2) { text } }
                } } } }""";
        long one = selects(document, Map.of("n", 1));
        long many = selects(document, Map.of("n", 30));
        // actors, two timelines, network, its actors, events (ids + rows), statements (ids + rows)
        assertThat(many).isEqualTo(one).isLessThanOrEqualTo(9);
    }

    @Test
    void eventTimelinesAndCoverage_ofManyEvents_costTheSameSelectsAsOfOne() {
        // language=GraphQL
        String document = """
                query($n: Int) { events(first: $n) { edges { node {
                    timeline(bucket: MONTH) { points { statements articles } }
                    coverage { publisher { name } articles statements }
                } } } }""";
        long one = selects(document, Map.of("n", 1));
        long many = selects(document, Map.of("n", 15));
        assertThat(many).isEqualTo(one).isLessThanOrEqualTo(4);
    }

    @Test
    void groupsWithTheirKeyObjectsAndStatements_costOneSelectPerLevel() {
        // language=GraphQL
        String document = """
                query($n: Int) { statementStats(groupBy: [SPEAKER, EVENT, WEEK], first: $n) { edges { node {
                    count speaker { name } event { title } statements(first: 3) { edges { node { text } } }
                } } } }""";
        long one = selects(document, Map.of("n", 1));
        long many = selects(document, Map.of("n", 40));
        // groups, speakers, events, the groups' statements
        assertThat(many).isEqualTo(one).isEqualTo(4);
    }
}
