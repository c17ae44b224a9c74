package org.newsgraph.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
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
import tools.jackson.databind.JsonNode;

/**
 * Inputs that used to duplicate or corrupt data, over real HTTP on real PostgreSQL: spellings of one URL
 * are one article; dates outside years 1 to 9999 are refused before the database sees them; a date of 1500
 * is stored and read back exactly; the cursors of the extreme storable dates work.
 */
@IsolatedIntegrationTest
class CanonicalInputsTest {

    // language=GraphQL
    private static final String INGEST = """
            mutation($i: IngestArticleInput!) {
              ingestArticle(input: $i) { articleId outcome article { url publishedAt } errors { path code } }
            }""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    private RawHttp http;
    private String key;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        key = keys.create("inputs-" + UUID.randomUUID(), Role.EDITOR);
    }

    private JsonNode post(String query, Map<String, Object> variables) {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", RawHttp.JSON)
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.body(query, variables))));
        return response.json();
    }

    private static Map<String, Object> article(String url, String publishedAt) {
        var document = new java.util.LinkedHashMap<String, Object>();
        document.put("url", url);
        document.put("title", "Canonical inputs");
        if (publishedAt != null) document.put("publishedAt", publishedAt);
        document.put("actors", List.of(Map.of("ref", "p", "kind", "PERSON", "name", "Canonical Speaker")));
        document.put("statements", List.of(Map.of("speaker", "p", "kind", "DIRECT_QUOTE", "text", "Once.")));
        return document;
    }

    private long articles(String canonicalUrl) {
        return jdbc.sql("select count(*) from articles where url = ?")
                .param(canonicalUrl)
                .query(Long.class)
                .single();
    }

    @Test
    void spellingsOfOneUrl_areOneArticle_andTheSpellingGivenIsKept() {
        String path = "/world/" + UUID.randomUUID();
        String canonical = "https://canonical.example" + path;
        var first =
                post(INGEST, Map.of("i", article("HTTPS://Canonical.EXAMPLE:443" + path + "/?utm_source=x#top", null)));
        assertThat(first.at("/data/ingestArticle/outcome").asString())
                .as(first.toString())
                .isEqualTo("CREATED");
        assertThat(first.at("/data/ingestArticle/article/url").asString()).isEqualTo(canonical);
        String id = first.at("/data/ingestArticle/articleId").asString();
        for (String spelling : List.of(
                canonical,
                canonical + "/",
                canonical + "#comments",
                canonical + "?fbclid=abc&utm_medium=social",
                "https://CANONICAL.example" + path)) {
            var again = post(INGEST, Map.of("i", article(spelling, null)));
            assertThat(again.at("/data/ingestArticle/articleId").asString())
                    .as(spelling)
                    .isEqualTo(id);
            assertThat(again.at("/data/ingestArticle/outcome").asString()).isIn("UNCHANGED", "UPDATED");
        }
        assertThat(articles(canonical)).isOne();
        assertThat(jdbc.sql("select count(*) from statements s join articles a on a.id = s.article_id where a.url = ?")
                        .param(canonical)
                        .query(Long.class)
                        .single())
                .as("no statement duplicated")
                .isOne();
        assertThat(jdbc.sql("select url_as_given from articles where url = ?")
                        .param(canonical)
                        .query(String.class)
                        .single())
                .isEqualTo("https://CANONICAL.example" + path);
        // reading by any spelling finds it
        var read = post("query($u: String!) { article(url: $u) { id } }", Map.of("u", canonical + "/?utm_campaign=q"));
        assertThat(read.at("/data/article/id").asString()).isEqualTo(id);
    }

    @Test
    void datesOutsideYears1To9999_areRefused_andNothingIsWritten() {
        var before = TableSnapshot.of(jdbc);
        for (String date : List.of("0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+99999-01-01T00:00:00Z")) {
            var response = post(INGEST, Map.of("i", article("https://dates.example/" + UUID.randomUUID(), date)));
            assertThat(response.at("/errors/0/extensions/code").asString())
                    .as(response.toString())
                    .isEqualTo("GRAPHQL_VALIDATION_FAILED");
            assertThat(response.at("/errors/0/message").asString()).contains("0001-01-01", "9999-12-31");
        }
        for (String day : List.of("0000-06-01", "-0001-06-01", "+99999-06-01")) {
            var response =
                    post("query($d: Date) { statements(filter: {saidFrom: $d}) { totalCount } }", Map.of("d", day));
            assertThat(response.at("/errors/0/extensions/code").asString())
                    .as(response.toString())
                    .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        }
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void theYear1500_isStoredAndReadBackExactly_andExtremeDatesHaveWorkingCursors() {
        var old = post(
                INGEST,
                Map.of("i", article("https://dates.example/1500-" + UUID.randomUUID(), "1500-01-01T00:00:00Z")));
        assertThat(old.at("/data/ingestArticle/article/publishedAt").asString())
                .as(old.toString())
                .isEqualTo("1500-01-01T00:00:00Z");
        String oldId = old.at("/data/ingestArticle/articleId").asString();
        var readBack =
                post("query($id: ID!) { node(id: $id) { ... on Article { publishedAt } } }", Map.of("id", oldId));
        assertThat(readBack.at("/data/node/publishedAt").asString()).isEqualTo("1500-01-01T00:00:00Z");

        for (String extreme : List.of("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z")) {
            var created = post(INGEST, Map.of("i", article("https://dates.example/x-" + UUID.randomUUID(), extreme)));
            assertThat(created.at("/data/ingestArticle/article/publishedAt").asString())
                    .as(created.toString())
                    .isEqualTo(extreme);
        }
        // walk all articles page by page: every cursor the server gives, it takes back
        String after = null;
        int seen = 0;
        for (int page = 0; page < 100; page++) {
            var response = post(
                    "query($after: String) { articles(first: 2, after: $after) { edges { cursor node { publishedAt } }"
                            + " pageInfo { hasNextPage endCursor } } }",
                    java.util.Collections.singletonMap("after", after));
            assertThat(response.has("errors")).as(response.toString()).isFalse();
            seen += response.at("/data/articles/edges").size();
            if (!response.at("/data/articles/pageInfo/hasNextPage").asBoolean()) break;
            after = response.at("/data/articles/pageInfo/endCursor").asString();
        }
        assertThat(seen)
                .isEqualTo(jdbc.sql("select count(*) from articles")
                        .query(Integer.class)
                        .single());
    }
}
