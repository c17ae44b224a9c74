package org.newsgraph.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.web.RawHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /actuator/prometheus}: request timers per operation and outcome, SQL per request, pool usage. */
@IntegrationTest
class PrometheusMetricsTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void namedQuery_isTimedOncePerRequestWithItsOutcomeAndSqlStatements() throws Exception {
        var raw = new RawHttp(port);
        double before = count("newsgraph_graphql_requests_seconds_count", "MetricsActors", "success");
        for (int i = 0; i < 3; i++) {
            // language=GraphQL
            raw.graphql(
                    "query MetricsActors { actors(first: 3) { edges { node { name statements(first: 2) { totalCount } } } } }",
                    RawHttp.JSON);
        }

        String scrape = scrape();
        assertThat(count("newsgraph_graphql_requests_seconds_count", "MetricsActors", "success") - before)
                .isEqualTo(3);
        // two SQL statements per request at least (actors, their statements), whatever the batching
        Matcher sum = Pattern.compile(
                        "newsgraph_graphql_sql_statements_sum\\{[^}]*operation=\"MetricsActors\"[^}]*} ([0-9.E]+)")
                .matcher(scrape);
        assertThat(sum.find()).as(scrape).isTrue();
        assertThat(Double.parseDouble(sum.group(1))).isGreaterThanOrEqualTo(6);
    }

    @Test
    void failedRequests_areCountedByOutcome() throws Exception {
        var raw = new RawHttp(port);
        double invalidId = count("newsgraph_graphql_requests_seconds_count", "MetricsBadId", "error");
        double unparsable = count("newsgraph_graphql_requests_seconds_count", "anonymous", "failure");

        // language=GraphQL
        raw.graphql(
                "query MetricsBadId { a: actors(first: 1) { totalCount } b: actor(id: \"nope\") { name } }",
                RawHttp.JSON);
        raw.graphql("{ actors { ", RawHttp.JSON);

        assertThat(count("newsgraph_graphql_requests_seconds_count", "MetricsBadId", "error") - invalidId)
                .isEqualTo(1);
        assertThat(count("newsgraph_graphql_requests_seconds_count", "anonymous", "failure") - unparsable)
                .isEqualTo(1);
    }

    @Test
    void requests_areObservedAsAWhole_notPerSecurityFilter() throws Exception {
        // language=GraphQL
        new RawHttp(port).graphql("query MetricsWhole { actors(first: 1) { totalCount } }", RawHttp.JSON);

        String scrape = scrape();
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/graphql\"");
        // Spring Security observes nothing of its own (no filter chain, authentication or authorization timers)
        assertThat(scrape).doesNotContain("spring_security_");
    }

    @Test
    void poolUsage_isPublishedPerDataSource() throws Exception {
        assertThat(scrape()).containsPattern("hikaricp_connections_active\\{[^}]*pool=\"[^\"]+\"");
    }

    private double count(String metric, String operation, String outcome) throws Exception {
        Matcher matcher = Pattern.compile(Pattern.quote(metric) + "\\{([^}]*)} ([0-9.E]+)")
                .matcher(scrape());
        while (matcher.find()) {
            String tags = matcher.group(1);
            if (tags.contains("operation=\"" + operation + "\"") && tags.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }

    private String scrape() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
