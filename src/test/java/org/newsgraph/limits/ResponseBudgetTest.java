package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.newsgraph.web.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The memory attack of an anonymous query, over real HTTP: an article with 100 statements and a 20,000
 * character summary, then queries that ask for that summary thousands of times. The cost model knows
 * that a summary is large ({@code QUERY_TOO_COMPLEX} before anything runs); what the cost lets through
 * but would still be too large to send ends with {@code RESPONSE_TOO_LARGE} while its text is fetched; an answer
 * that would take the text of all answers in flight over the memory budget is {@code OVERLOADED}.
 */
@IsolatedIntegrationTest
class ResponseBudgetTest {

    // language=GraphQL
    private static final String AMPLIFIER = """
            query($a: ID!) { statements(filter: {article: $a}, first: 100) { edges { node { article {
              statements(first: 100) { edges { node { article { summary } } } } } } } } }""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    @Autowired
    ResponseMemory memory;

    private RawHttp http;
    private String articleId;

    @BeforeEach
    void bigArticle() {
        http = new RawHttp(port);
        String url = "https://budget.example/" + UUID.randomUUID();
        var statements = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 100; i++) {
            statements.add(Map.of("speaker", "p", "kind", "DIRECT_QUOTE", "text", "Statement number " + i + "."));
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("url", url);
        document.put("title", "A long summary");
        document.put("summary", "x".repeat(20_000));
        document.put("actors", List.of(Map.of("ref", "p", "kind", "PERSON", "name", "Budget Speaker")));
        document.put("statements", statements);
        String key = keys.create("budget-" + UUID.randomUUID(), Role.EDITOR);
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", JSON)
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.body(
                        "mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { articleId errors { code } } }",
                        Map.of("i", document)))));
        articleId = response.json().at("/data/ingestArticle/articleId").asString();
        assertThat(articleId).as(response.body()).isNotBlank();
    }

    private void serverIsHealthy() {
        var normal = http.graphql("{ articles(first: 5) { totalCount } }", GRAPHQL_RESPONSE);
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.json().at("/data/articles/totalCount").asInt()).isPositive();
        assertThat(http.get("/actuator/health/readiness", JSON).status()).isEqualTo(200);
    }

    @Test
    void theSummaryAmplifier_isTooComplex_becauseTheCostModelKnowsSummariesAreLarge() {
        var before = TableSnapshot.of(jdbc);
        var response = http.graphql(AMPLIFIER, Map.of("a", articleId), GRAPHQL_RESPONSE);
        assertThat(response.firstErrorCode()).as(response.body()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("data")).isFalse();
        // the same shape without the summary is cheap: only the text field made it expensive
        var cheap = http.graphql(AMPLIFIER.replace("summary", "id"), Map.of("a", articleId), GRAPHQL_RESPONSE);
        assertThat(cheap.status()).as(cheap.body()).isEqualTo(200);
        assertThat(cheap.json().at("/data/statements/edges").size()).isEqualTo(100);
        serverIsHealthy();
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void anAnswerOverTheByteBudget_isResponseTooLarge_andNothingOfItIsSent() {
        var before = TableSnapshot.of(jdbc);
        // within the cost limit (3 x 100 summaries), but 6 MB of JSON: over the 4 MB budget
        String query = "query($a: ID!) { "
                + "a: statements(filter: {article: $a}, first: 100) { edges { node { article { summary } } } } "
                + "b: statements(filter: {article: $a}, first: 100) { edges { node { article { summary } } } } "
                + "c: statements(filter: {article: $a}, first: 100) { edges { node { article { summary } } } } }";
        for (String accept : List.of(GRAPHQL_RESPONSE, JSON)) {
            var response = http.graphql(query, Map.of("a", articleId), accept);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.firstErrorCode()).as(response.body()).isEqualTo("RESPONSE_TOO_LARGE");
            assertThat(response.json().at("/errors/0/extensions/limit").asLong())
                    .isEqualTo(4L << 20);
            assertThat(response.json().get("data").isNull()).isTrue();
            assertThat(response.body().length()).isLessThan(2_000);
            // stopped while its text was fetched, not after its whole answer had been built
            assertThat(response.json()
                            .at("/errors/0/extensions/stoppedAtCharacters")
                            .asLong())
                    .isBetween(4L << 20, (4L << 20) + 20_000);
        }
        assertThat(memory.inFlight())
                .as("every answer gave its characters back")
                .isZero();
        // a third of it fits
        var fits = http.graphql(
                "query($a: ID!) { statements(filter: {article: $a}, first: 100) { edges { node { article {"
                        + " summary } } } } }",
                Map.of("a", articleId),
                GRAPHQL_RESPONSE);
        assertThat(fits.firstErrorCode()).as(fits.body().substring(0, 300)).isNull();
        assertThat(fits.json()
                        .at("/data/statements/edges/99/node/article/summary")
                        .asString())
                .hasSize(20_000);
        serverIsHealthy();
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void anAnswerWhileOthersHoldTheMemoryBudget_isOverloaded503_andServedOnceTheyEnd() {
        String query = "query($a: ID!) { statements(filter: {article: $a}, first: 100) { edges { node { article {"
                + " summary } } } } }";
        // answers being built elsewhere (each within its own 4 MB) hold all but 100,000 characters of the budget
        var others = new ArrayList<ResponseMemory.Tally>();
        try {
            for (long left = memory.budget() - 100_000; left > 0; left -= 4_000_000) {
                var other = memory.newTally();
                others.add(other);
                assertThat(other.admit(Math.min(left, 4_000_000))).isTrue();
            }
            var refused = http.graphql(query, Map.of("a", articleId), GRAPHQL_RESPONSE);
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.firstErrorCode()).isEqualTo("OVERLOADED");
            assertThat(refused.json().has("data")).as("nothing was served").isFalse();
            // a small answer still fits
            var small = http.graphql(
                    "query($a: ID!) { node(id: $a) { ... on Article { summary } } }",
                    Map.of("a", articleId),
                    GRAPHQL_RESPONSE);
            assertThat(small.firstErrorCode())
                    .as(small.body().substring(0, 200))
                    .isNull();
        } finally {
            others.forEach(ResponseMemory.Tally::release);
        }
        assertThat(memory.inFlight()).isZero();
        var served = http.graphql(query, Map.of("a", articleId), GRAPHQL_RESPONSE);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.firstErrorCode()).isNull();
    }
}
