package org.newsgraph.httpcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Cache-Control, ETag and 304 of {@code GET /graphql}, over real HTTP. */
@IntegrationTest
class HttpCachingTest {

    // language=GraphQL
    static final String QUERY = "query ArticleCount { articles { totalCount } }";

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

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
        String etag = get("query=" + encode(QUERY)).headers().firstValue("ETag").orElseThrow();

        var revalidated = get("query=" + encode(QUERY), "If-None-Match", etag);
        var weak = get("query=" + encode(QUERY), "If-None-Match", "\"other\", W/" + etag);

        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
        assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("public, max-age=10");
        assertThat(weak.statusCode()).isEqualTo(304);
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

        var hashOnly = get("extensions=" + extensions);
        var revalidated = get(
                "extensions=" + extensions,
                "If-None-Match",
                hashOnly.headers().firstValue("ETag").orElseThrow());

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
