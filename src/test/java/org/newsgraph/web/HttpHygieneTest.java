package org.newsgraph.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.support.TableSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

/**
 * Requests that are wrong at the HTTP level or carry nasty strings: each gets a 4xx or a coded GraphQL
 * error quickly, no response shows internals (stack traces, SQL, class or table names), the server
 * keeps answering and no table changes.
 */
@IntegrationTest
class HttpHygieneTest {

    /** Words that would betray internals in a response body. */
    private static final List<String> INTERNALS = List.of("Exception", "exception", "at org.", "at java.", "java.",
            "org.springframework", "org.newsgraph", "graphql.", "SQL", "select ", "postgres", "PSQL", "articles_",
            "statements", "actor_", "trace");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    RawHttp http;
    Map<String, String> before;

    @BeforeEach
    void snapshot() {
        http = new RawHttp(port);
        before = TableSnapshot.of(jdbc);
    }

    @AfterEach
    void serverIsHealthyAndNothingChanged() {
        var normal = http.graphql("{ articles { totalCount } }", GRAPHQL_RESPONSE);
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.json().at("/data/articles/totalCount").asInt()).isPositive();
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    private static void revealsNothing(RawHttp.Response response) {
        assertThat(response.body()).as("response body").doesNotContain(INTERNALS);
        assertThat(response.elapsed()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void malformedJson_is400_withoutDetails() {
        for (String body : List.of("{\"query\":", "{\"query\": \"{ articles { totalCount } }\"", "not json", "",
                "{\"query\": 42}", "{\"query\": null}", "{\"variables\": {}}", "\u0000\u0001\u0002")) {
            var response = http.post("/graphql", JSON, GRAPHQL_RESPONSE, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            revealsNothing(response);
        }
    }

    @Test
    void wrongContentType_is415() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x")) {
            var response = http.post("/graphql", type, GRAPHQL_RESPONSE, "{\"query\":\"{ articles { totalCount } }\"}");
            assertThat(response.status()).as(type).isEqualTo(415);
            revealsNothing(response);
        }
    }

    @Test
    void batchArrayBody_is400_andNothingRuns() {
        var response = http.post("/graphql", JSON, GRAPHQL_RESPONSE,
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
        var query = http.get("/graphql?query=%7B%20articles%20%7B%20totalCount%20%7D%20%7D", GRAPHQL_RESPONSE);
        assertThat(query.body()).doesNotContain("totalCount");
    }

    @Test
    void unknownPathsAndMethods_answerWithoutDetails() {
        var notFound = http.get("/no/such/thing", JSON);
        assertThat(notFound.status()).isEqualTo(404);
        revealsNothing(notFound);
        var put = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", JSON).PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.status()).isIn(404, 405);
        revealsNothing(put);
        var delete = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).DELETE());
        assertThat(delete.status()).isIn(404, 405);
        revealsNothing(delete);
    }

    @Test
    void nastyStrings_inArguments_areJustData() {
        List<String> nasty = List.of("'; drop table articles; --", "\" or 1=1 --", "\\' union select * from pg_user --",
                "abc\u0000def", "\u0000", "%00", "ḟöö 🙂👍🏽 مرحبا بالعالم עברית \u202Eevil", "\uD83D\uDE00".repeat(1000),
                "${jndi:ldap://x}", "<script>alert(1)</script>", "../../etc/passwd", "\\\\x00\\\\u0000");
        for (String value : nasty) {
            var asVariable = http.graphql("query($after: String) { articles(first: 3, after: $after) { totalCount } }",
                    Map.of("after", value), GRAPHQL_RESPONSE);
            assertThat(asVariable.status()).as(value).isIn(200, 400);
            assertThat(asVariable.status() == 200 ? asVariable.json().at("/data/articles/totalCount").asInt() : 1)
                    .isPositive();
            if (asVariable.json().has("errors")) {
                assertThat(asVariable.firstErrorCode()).as(asVariable.body()).isNotNull().isNotEqualTo("INTERNAL_ERROR");
            }
            revealsNothing(asVariable);
        }
    }

    @Test
    void nulBytesAndUnicode_inTheQueryText_areParseErrorsOrData() {
        for (String query : List.of("{ articles\u0000 { totalCount } }", "{ artícles { totalCount } }",
                "{ articles(after: \"\u202E🙂\") { totalCount } }", "# 🙂 مرحبا\n{ articles { totalCount } }")) {
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
