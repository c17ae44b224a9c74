package org.newsgraph.httpcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.GraphQlHttp;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-Control, ETag and 304 of {@code GET /graphql}, over real HTTP. Runs with no other test class beside it:
 * a tag is bound to the server's {@code pg_current_snapshot()}, which a commit in any database of the test server
 * moves on (the classes that run beside the others write databases of their own there), and these tests
 * revalidate a tag they have just been given. Even alone, the server's snapshot can move between two requests
 * (autovacuum's analyze writes statistics, another test context's background work commits), so each check of a
 * 304 runs in {@link #whileNothingCommits}: it asserts the 304 only for an attempt in which the snapshot held.
 */
@Isolated("an ETag is bound to the whole test server's snapshot, which other classes' commits move on")
@IntegrationTest
class HttpCachingTest {

    // language=GraphQL
    static final String QUERY = "query ArticleCount { articles { totalCount } }";

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    @Autowired
    MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anonymousGet_isPublicForMaxAgeWithAnEtag() throws Exception {
        var response = get("query=" + encode(QUERY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        assertThat(response.headers().firstValue("ETag"))
                .hasValueSatisfying(tag -> assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\""));
        assertThat(response.headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).contains("NewsGraph-Consistency-Token"));
        assertThat(response.body()).contains("totalCount");
    }

    @Test
    void ifNoneMatchWithTheCurrentEtag_answers304WithoutBody() throws Exception {
        var strong = revalidation("query=" + encode(QUERY), tag -> tag);
        var weak = revalidation("query=" + encode(QUERY), tag -> "\"other\", W/" + tag);
        String etag = strong.tag();
        var revalidated = strong.again();

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
        assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        assertThat(weak.again().statusCode()).isEqualTo(304);
    }

    @Test
    void ifNoneMatchWithAnotherEtag_answersTheFullBody() throws Exception {
        var response = get("query=" + encode(QUERY), "If-None-Match", "\"stale\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("totalCount");
    }

    @Test
    void differentAnswers_haveDifferentEtags() throws Exception {
        String articles =
                get("query=" + encode(QUERY)).headers().firstValue("ETag").orElseThrow();
        String actors = get("query=" + encode("{ actors { totalCount } }"))
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        assertThat(actors).isNotEqualTo(articles);
    }

    @Test
    void persistedQueryGet_isCacheableToo() throws Exception {
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(QUERY.getBytes(StandardCharsets.UTF_8)));
        String extensions = encode("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}");
        get("query=" + encode(QUERY) + "&extensions=" + extensions); // registers the hash

        var revalidation = revalidation("extensions=" + extensions, tag -> tag);
        var hashOnly = revalidation.first();
        var revalidated = revalidation.again();

        assertThat(hashOnly.statusCode()).isEqualTo(200);
        assertThat(hashOnly.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        assertThat(revalidated.statusCode()).isEqualTo(304);
    }

    @Test
    void unknownPersistedQuery_isNotStored() throws Exception {
        String extensions = encode("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + "ab".repeat(32) + "\"}}");

        var response = get("extensions=" + extensions);

        assertThat(response.body()).contains("PERSISTED_QUERY_NOT_FOUND");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void authenticatedGet_isNoStoreWithoutEtag() throws Exception {
        var response = get("query=" + encode(QUERY), "Authorization", "Bearer ng_not-a-real-key");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void post_staysNoStore() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + QUERY + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(response.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void ifNoneMatch_matchesListsWildcardsAndWeakTags() {
        assertThat(HttpCaching.matches(List.of("\"a\""), "\"a\"")).isTrue();
        assertThat(HttpCaching.matches(List.of("\"b\", \"a\""), "\"a\"")).isTrue();
        assertThat(HttpCaching.matches(List.of("W/\"a\""), "\"a\"")).isTrue();
        assertThat(HttpCaching.matches(List.of("*"), "\"a\"")).isTrue();
        assertThat(HttpCaching.matches(List.of("\"b\""), "\"a\"")).isFalse();
        assertThat(HttpCaching.matches(List.of(), "\"a\"")).isFalse();
    }

    @Test
    void aMatchingTag_isAnswered304_withoutExecutingTheQuery() throws Exception {
        long[] executed = new long[2];
        var revalidated = whileNothingCommits(() -> {
            String etag =
                    get("query=" + encode(QUERY)).headers().firstValue("ETag").orElseThrow();
            executed[0] = executedRequests();
            var answer = get("query=" + encode(QUERY), "If-None-Match", etag);
            executed[1] = executedRequests();
            return answer;
        });

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(executed[1]).as("GraphQL requests executed").isEqualTo(executed[0]);
        long before = executedRequests();
        var stale = get("query=" + encode(QUERY), "If-None-Match", "\"stale\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(executedRequests()).isEqualTo(before + 1);
    }

    @Test
    void aMutation_makesEarlierTagsStale_andAStaleTagGetsTheFreshBody() throws Exception {
        // language=GraphQL
        String actors = "query ActorCount { actors { totalCount } }";
        var unchanged = revalidation("query=" + encode(actors), tag -> tag);
        var before = unchanged.first();
        String etag = unchanged.tag();
        assertThat(unchanged.again().statusCode()).isEqualTo(304);

        String key = keys.create("http-cache-" + UUID.randomUUID(), Role.EDITOR);
        // language=GraphQL
        String upsert = """
                mutation($input: UpsertActorInput!) { upsertActor(input: $input) { outcome } }""";
        GraphQlHttp.tester(port)
                .mutate()
                .header("Authorization", "Bearer " + key)
                .build()
                .document(upsert)
                .variable("input", Map.of("kind", "PERSON", "name", "Etag Writer " + UUID.randomUUID()))
                .execute()
                .path("upsertActor.outcome")
                .entity(String.class)
                .isEqualTo("CREATED");

        var after = get("query=" + encode(actors), "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(totalCount(after.body())).isEqualTo(totalCount(before.body()) + 1);
        var fresh = revalidation("query=" + encode(actors), tag -> tag);
        assertThat(totalCount(fresh.first().body())).isEqualTo(totalCount(after.body()));
        assertThat(fresh.again().statusCode()).isEqualTo(304);
    }

    @Test
    void aWriteOutsideTheApi_makesEarlierTagsStaleToo() throws Exception {
        // language=GraphQL
        String titles = "query FirstTitle { articles(first: 1) { edges { node { id title } } } }";
        var before = get("query=" + encode(titles));
        String etag = before.headers().firstValue("ETag").orElseThrow();
        long id = jdbc.sql("select id from articles order by published_at desc nulls last, id desc limit 1")
                .query(Long.class)
                .single();
        String title = jdbc.sql("select title from articles where id = ?")
                .param(id)
                .query(String.class)
                .single();
        try {
            jdbc.sql("update articles set title = title || ' (updated)' where id = ?")
                    .param(id)
                    .update();

            var after = get("query=" + encode(titles), "If-None-Match", etag);

            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
            assertThat(after.body()).contains(title + " (updated)");
        } finally {
            jdbc.sql("update articles set title = ? where id = ?")
                    .params(title, id)
                    .update();
        }
    }

    @Test
    void ifNoneMatchStar_isAnsweredFromTheAnswer_notBeforeIt() throws Exception {
        var unknown = get(
                "extensions="
                        + encode("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + "cd".repeat(32) + "\"}}"),
                "If-None-Match",
                "*");

        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("PERSISTED_QUERY_NOT_FOUND");
    }

    /** A GET, and the same GET sent again with an {@code If-None-Match} made from the first answer's tag. */
    record Revalidation(HttpResponse<String> first, String tag, HttpResponse<String> again) {}

    private Revalidation revalidation(String queryString, UnaryOperator<String> ifNoneMatch) throws Exception {
        return whileNothingCommits(() -> {
            var first = get(queryString);
            String tag = first.headers().firstValue("ETag").orElseThrow();
            return new Revalidation(first, tag, get(queryString, "If-None-Match", ifNoneMatch.apply(tag)));
        });
    }

    interface Requests<T> {
        T send() throws Exception;
    }

    /**
     * Sends the requests again until an attempt in which the server's {@code pg_current_snapshot()} was the same
     * before and after (no transaction committed anywhere on the server meanwhile), and returns that attempt's
     * answers. A tag is only promised to hold while the snapshot holds; an attempt that a commit elsewhere
     * interrupted says nothing about the tags. Fails when no attempt of twenty ran without a commit.
     */
    private <T> T whileNothingCommits(Requests<T> requests) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            String before = snapshot();
            T answers = requests.send();
            if (before.equals(snapshot())) {
                return answers;
            }
        }
        throw new AssertionError("the server's snapshot moved during each of 20 attempts");
    }

    private String snapshot() {
        return jdbc.sql("select pg_current_snapshot()::text")
                .query(String.class)
                .single();
    }

    private long executedRequests() {
        return (long) meters.find("newsgraph.graphql.requests").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }

    private int totalCount(String body) throws Exception {
        return json.readTree(body)
                .path("data")
                .path("actors")
                .path("totalCount")
                .asInt(-1);
    }

    private HttpResponse<String> get(String queryString, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?" + queryString))
                .header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
