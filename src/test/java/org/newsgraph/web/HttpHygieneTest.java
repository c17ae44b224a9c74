package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;

/**
 * Requests that are wrong at the HTTP level or carry nasty strings: each gets a 4xx or a coded GraphQL
 * error quickly, no response shows internals (stack traces, SQL, class or table names), the server
 * keeps answering and no table changes.
 */
@IntegrationTest
class HttpHygieneTest extends UnharmedServerTest {

    /** Words that would betray internals in a response body. */
    private static final List<String> INTERNALS = List.of(
            "Exception",
            "exception",
            "at org.",
            "at java.",
            "java.",
            "org.springframework",
            "org.newsgraph",
            "graphql.",
            "SQLState",
            "SQLException",
            "insert into",
            "postgres",
            "PSQL",
            "Hikari",
            "jdbc",
            "trace",
            "tomcat",
            "Tomcat");

    private static void revealsNothing(RawHttp.Response response) {
        assertThat(response.body()).as("response body").doesNotContain(INTERNALS);
    }

    @Test
    void malformedJson_is400_withoutDetails() {
        for (String body : List.of(
                "{\"query\":",
                "{\"query\": \"{ articles { totalCount } }\"",
                "not json",
                "",
                "{\"query\": 42}",
                "{\"query\": null}",
                "{\"variables\": {}}",
                "\u0000\u0001\u0002")) {
            var response = http.post("/graphql", JSON, GRAPHQL_RESPONSE, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            revealsNothing(response);
        }
    }

    @Test
    void wrongContentType_is415() {
        for (String type : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/xml",
                "multipart/form-data; boundary=x")) {
            var response = http.post("/graphql", type, GRAPHQL_RESPONSE, "{\"query\":\"{ articles { totalCount } }\"}");
            assertThat(response.status()).as(type).isEqualTo(415);
            revealsNothing(response);
        }
    }

    @Test
    void batchArrayBody_is400_andNothingRuns() {
        var response = http.post(
                "/graphql",
                JSON,
                GRAPHQL_RESPONSE,
                "[{\"query\":\"{ articles { totalCount } }\"},{\"query\":\"{ articles { totalCount } }\"}]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("totalCount");
        revealsNothing(response);
    }

    @Test
    void getWithAMutation_is405_andNothingRuns() {
        var response = http.get("/graphql?query=mutation%20%7B%20ingestArticle%20%7D", GRAPHQL_RESPONSE);
        assertThat(response.status()).isEqualTo(405);
        revealsNothing(response);
        // GET is for queries (GraphQL over HTTP): the same request as a query runs.
        var query = http.get("/graphql?query=%7B%20articles%20%7B%20totalCount%20%7D%20%7D", GRAPHQL_RESPONSE);
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.body()).contains("totalCount");
        var named = http.get(
                "/graphql?query="
                        + java.net.URLEncoder.encode(
                                "query Q { articles { totalCount } } mutation M { __typename }",
                                java.nio.charset.StandardCharsets.UTF_8)
                        + "&operationName=M",
                GRAPHQL_RESPONSE);
        assertThat(named.status()).isEqualTo(405);
    }

    @Test
    void unknownPathsAndMethods_answerWithoutDetails() {
        var notFound = http.get("/no/such/thing", JSON);
        assertThat(notFound.status()).isEqualTo(404);
        revealsNothing(notFound);
        var put = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.status()).isIn(404, 405);
        revealsNothing(put);
        var delete = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .DELETE());
        assertThat(delete.status()).isIn(404, 405);
        revealsNothing(delete);
    }

    /** Every String and ID argument of the read API, each fed the nasty strings through a variable. */
    private static final List<String> STRING_ARGUMENTS = List.of(
            "query($s: String!) { search(query: $s, first: 3) { totalCount } }",
            "query($s: String) { articles(filter: { text: $s }, first: 3) { totalCount } }",
            "query($s: String) { actors(filter: { search: $s }, first: 3) { totalCount } }",
            "query($s: String) { article(url: $s) { title } }",
            "query($s: String) { articles(first: 3, after: $s) { totalCount } }",
            "query($s: String) { statements(last: 3, before: $s) { totalCount } }",
            "query($s: ID!) { node(id: $s) { id } }",
            "query($s: ID!) { actor(id: $s) { name } }",
            "query($s: ID!) { nodes(ids: [$s, $s]) { id } }",
            "query($s: ID) { articles(filter: { publisher: $s }) { totalCount } }",
            "query($s: String) { events(filter: { text: $s }) { totalCount } }",
            "query($s: ID) { events(filter: { participant: $s }) { totalCount } }",
            "query($s: String) { statements(filter: { text: $s }) { totalCount } }",
            "query($s: ID) { statements(filter: { speaker: $s, event: $s, article: $s }) { totalCount } }",
            "query($s: Date) { statements(filter: { saidFrom: $s }) { totalCount } }");

    @Test
    void nastyStrings_inEveryStringArgument_areJustData() {
        List<String> nasty = List.of(
                "'; drop table articles; --",
                "\" or 1=1 --",
                "\\' union select * from pg_user --",
                "abc\u0000def",
                "\u0000",
                "%00",
                "ḟöö 🙂👍🏽 مرحبا بالعالم עברית \u202Eevil",
                "\uD83D\uDE00".repeat(1000),
                "${jndi:ldap://x}",
                "<script>alert(1)</script>",
                "../../etc/passwd",
                "\\\\x00\\\\u0000",
                "",
                "QWN0b3I6MQ==",
                "QWN0b3I6LTE=",
                "QWN0b3I6OTk5OTk5OTk5OTk5OTk5OTk5OTk5",
                "Zm9vOmJhcg",
                "a:b:c",
                "*",
                "%");
        for (String query : STRING_ARGUMENTS) {
            for (String value : nasty) {
                var response = http.graphql(query, Map.of("s", value), GRAPHQL_RESPONSE);
                assertThat(response.status())
                        .as(query + " " + value + ": " + response.body())
                        .isIn(200, 400);
                if (response.json().has("errors")) {
                    assertThat(response.firstErrorCode())
                            .as(query + " " + value + ": " + response.body())
                            .isNotNull()
                            .isNotEqualTo("INTERNAL_ERROR");
                }
                revealsNothing(response);
            }
        }
    }

    @Test
    void nulBytesAndUnicode_inTheQueryText_areParseErrorsOrData() {
        for (String query : List.of(
                "{ articles\u0000 { totalCount } }",
                "{ artícles { totalCount } }",
                "{ articles(after: \"\u202E🙂\") { totalCount } }",
                "# 🙂 مرحبا\n{ articles { totalCount } }")) {
            var response = http.graphql(query, GRAPHQL_RESPONSE);
            assertThat(response.status()).as(query).isIn(200, 400);
            if (response.status() == 400) {
                assertThat(response.firstErrorCode()).isIn("GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED");
            }
            revealsNothing(response);
        }
    }

    @Test
    void errorPage_andHealth_showNoDetails() {
        var health = http.get("/actuator/health", JSON);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("database", "PostgreSQL", "jdbc", "diskSpace");
        var readiness = http.get("/actuator/health/readiness", JSON);
        assertThat(readiness.status()).isEqualTo(200);
        var env = http.get("/actuator/env", JSON);
        assertThat(env.status()).isEqualTo(404);
    }
}
