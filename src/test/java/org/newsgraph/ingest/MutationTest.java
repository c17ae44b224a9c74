package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.GraphQlHttp;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The mutations over real HTTP: who may call them, input errors as data, idempotency, merge, delete. */
@IsolatedIntegrationTest
class MutationTest {

    // language=GraphQL
    static final String INGEST = """
            mutation($input: IngestArticleInput!) {
              ingestArticle(input: $input) {
                article { id url title publisher { name } }
                outcome
                actors { ref outcome actor { id name } }
                events { ref outcome event { id title } }
                errors { path code message }
              }
            }""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    HttpGraphQlTester anonymous;
    HttpGraphQlTester reader;
    HttpGraphQlTester editor;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        anonymous = GraphQlHttp.tester(port);
        var suffix = UUID.randomUUID().toString();
        reader = withKey(keys.create("reader-" + suffix, Role.READER));
        editor = withKey(keys.create("editor-" + suffix, Role.EDITOR));
    }

    HttpGraphQlTester withKey(String key) {
        return anonymous.mutate().header("Authorization", "Bearer " + key).build();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> document(String text) {
        return json.readValue(text, Map.class);
    }

    Map<String, Object> smallArticle(String tag) {
        return document("""
                {"url": "https://mutation.example/%1$s", "title": "Mutation %1$s", "publisher": "o",
                 "actors": [{"ref": "o", "kind": "MEDIA_OUTLET", "name": "Mutation Outlet"},
                            {"ref": "p", "kind": "PERSON", "name": "Mutation Person %1$s", "wikidataId": null}],
                 "events": [{"ref": "e", "kind": "MEETING", "title": "Mutation meeting %1$s", "status": "SCHEDULED",
                             "startsOn": "2025-06-01", "startsOnPrecision": "DAY",
                             "participants": [{"actor": "p", "role": "HOST"}]}],
                 "statements": [{"speaker": "p", "kind": "DIRECT_QUOTE", "text": "We will meet.", "saidOn": "2025-05-20",
                                 "saidOnPrecision": "DAY", "events": ["e"], "relayedVia": ["o"]}]}""".formatted(tag));
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void mutationWithoutKey_isUnauthorized_withAnInvalidKeyToo_andWritesNothing() {
        var before = TableSnapshot.of(jdbc);
        for (var client : List.of(anonymous, withKey("ng_not-a-key"))) {
            client.document(INGEST)
                    .variable("input", smallArticle("anonymous"))
                    .execute()
                    .errors()
                    .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                        assertThat(e.getExtensions()).containsEntry("code", "UNAUTHORIZED");
                        assertThat(e.getPath()).isEqualTo("ingestArticle");
                    }));
        }
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void mutationWithReadersKey_isForbidden_andWritesNothing() {
        var before = TableSnapshot.of(jdbc);
        reader.document(INGEST)
                .variable("input", smallArticle("reader"))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        // language=GraphQL
        reader.document("mutation($id: ID!) { deleteArticle(input: {id: $id}) { deletedId } }")
                .variable("id", GlobalId.encode("Article", 1))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void readsNeedNoKey_andGraphiQlIsOpen() throws Exception {
        // language=GraphQL
        anonymous
                .document("{ articles(first: 1) { totalCount } }")
                .execute()
                .path("articles.totalCount")
                .entity(Integer.class)
                .satisfies(n -> assertThat(n).isPositive());
        reader.document("{ articles(first: 1) { totalCount } }")
                .execute()
                .path("articles.totalCount")
                .entity(Integer.class)
                .satisfies(n -> assertThat(n).isPositive());
        var http = HttpClient.newHttpClient();
        for (var path : List.of("/graphiql", "/graphiql/", "/actuator/health")) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            // (/graphiql/ is 404 in builds without the offline bundle, -Dfrontend.skip=true; never 401/403.)
            assertThat(response.statusCode()).as(path).isNotIn(401, 403);
            if (!path.equals("/graphiql/"))
                assertThat(response.statusCode()).as(path).isLessThan(400);
        }
        var get = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?query=%7B__typename%7D"))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isNotIn(401, 403);
    }

    @Test
    void demoJson_postedAsInput_isRecognisedAsUnchanged() throws Exception {
        var demo = document(new ClassPathResource("db/demo/ukraine-peace-talks-2025-04-22.json")
                .getContentAsString(StandardCharsets.UTF_8));
        var before = TableSnapshot.of(jdbc);

        editor.document(INGEST)
                .variable("input", demo)
                .execute()
                .path("ingestArticle.errors")
                .entityList(Object.class)
                .hasSize(0)
                .path("ingestArticle.outcome")
                .entity(String.class)
                .isEqualTo("UNCHANGED")
                .path("ingestArticle.article.url")
                .entity(String.class)
                .isEqualTo(demo.get("url"))
                .path("ingestArticle.actors[*].outcome")
                .entityList(String.class)
                .satisfies(outcomes -> assertThat(outcomes).hasSize(31).containsOnly("MATCHED"));

        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void newArticle_isCreatedOnce_thenUnchanged_withCreatedAndMatchedReferences() {
        var input = smallArticle("idempotent");
        var first = editor.document(INGEST).variable("input", input).execute();
        first.path("ingestArticle.outcome")
                .entity(String.class)
                .isEqualTo("CREATED")
                .path("ingestArticle.article.title")
                .entity(String.class)
                .isEqualTo("Mutation idempotent")
                .path("ingestArticle.article.publisher.name")
                .entity(String.class)
                .isEqualTo("Mutation Outlet")
                .path("ingestArticle.actors[1].outcome")
                .entity(String.class)
                .isEqualTo("CREATED")
                .path("ingestArticle.actors[1].actor.name")
                .entity(String.class)
                .isEqualTo("Mutation Person idempotent")
                .path("ingestArticle.events[0].outcome")
                .entity(String.class)
                .isEqualTo("CREATED");
        String articleId =
                first.path("ingestArticle.article.id").entity(String.class).get();
        assertThat(GlobalId.decode(articleId).type()).isEqualTo("Article");
        var snapshot = TableSnapshot.of(jdbc);

        editor.document(INGEST)
                .variable("input", input)
                .execute()
                .path("ingestArticle.outcome")
                .entity(String.class)
                .isEqualTo("UNCHANGED")
                .path("ingestArticle.article.id")
                .entity(String.class)
                .isEqualTo(articleId)
                .path("ingestArticle.actors[*].outcome")
                .entityList(String.class)
                .containsExactly("MATCHED", "MATCHED");

        assertThat(TableSnapshot.of(jdbc)).isEqualTo(snapshot);
    }

    @Test
    void invalidInput_listsEveryProblemWithItsPath_asData_andWritesNothing() {
        var input = document("""
                {"url": "not a url", "title": "",
                 "actors": [{"ref": "a", "kind": "PERSON", "name": "Valid Name"}, {"ref": "a", "kind": "PERSON"}],
                 "events": [{"ref": "e", "kind": "OTHER", "title": "T", "status": "HAPPENED", "startsOn": "2025-01-01"}],
                 "statements": [
                   {"speaker": "a", "kind": "PARAPHRASE", "text": "fine"},
                   {"speaker": "a", "kind": "PARAPHRASE", "text": "fine"},
                   {"speaker": "a", "kind": "PARAPHRASE", "text": "fine"},
                   {"speaker": "nobody", "kind": "PARAPHRASE", "text": "", "events": ["x"]}
                 ]}""");
        var before = TableSnapshot.of(jdbc);

        editor.document(INGEST)
                .variable("input", input)
                .execute()
                .path("ingestArticle.article")
                .valueIsNull()
                .path("ingestArticle.outcome")
                .valueIsNull()
                .path("ingestArticle.errors[*].path")
                .entityList(String.class)
                .satisfies(paths -> assertThat(paths)
                        .containsExactlyInAnyOrder(
                                "url",
                                "title",
                                "actors[1].ref",
                                "actors[1].name",
                                "events[0].startsOnPrecision",
                                "statements[3].speaker",
                                "statements[3].text",
                                "statements[3].events[0]"))
                .path("ingestArticle.errors[?(@.path == 'statements[3].speaker')].code")
                .entityList(String.class)
                .containsExactly("UNKNOWN_REFERENCE");

        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badEnumOrDate_isAGraphQlError_notA500() {
        var input = smallArticle("bad-enum");
        ((Map<String, Object>) ((List<?>) input.get("actors")).get(0)).put("kind", "ALIEN");
        editor.document(INGEST)
                .variable("input", input)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .isNotEmpty()
                        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("Exception")));
        assertThat(count("select count(*) from articles where url = 'https://mutation.example/bad-enum'"))
                .isZero();
    }

    @Test
    void upsertActor_thenMergeActors_thenDeleteArticle_overHttp() {
        // language=GraphQL
        String upsert = """
                mutation($input: UpsertActorInput!) {
                  upsertActor(input: $input) { actor { id name } outcome changed errors { path code } }
                }""";
        String keep = editor.document(upsert)
                .variable("input", Map.of("kind", "PERSON", "name", "Http Keeper"))
                .execute()
                .path("upsertActor.outcome")
                .entity(String.class)
                .isEqualTo("CREATED")
                .path("upsertActor.actor.id")
                .entity(String.class)
                .get();
        editor.document(upsert)
                .variable("input", Map.of("kind", "PERSON", "name", " "))
                .execute()
                .path("upsertActor.errors[0].path")
                .entity(String.class)
                .isEqualTo("name")
                .path("upsertActor.actor")
                .valueIsNull();

        var article = smallArticle("merge-http");
        var ingested = editor.document(INGEST).variable("input", article).execute();
        String duplicate = ingested.path("ingestArticle.actors[1].actor.id")
                .entity(String.class)
                .get();
        String articleId =
                ingested.path("ingestArticle.article.id").entity(String.class).get();

        // language=GraphQL
        editor.document("""
                mutation($keep: ID!, $merge: ID!) {
                  mergeActors(input: {keep: $keep, merge: $merge}) { actor { id name aliases } mergedId errors { code } }
                }""")
                .variable("keep", keep)
                .variable("merge", duplicate)
                .execute()
                .path("mergeActors.actor.id")
                .entity(String.class)
                .isEqualTo(keep)
                .path("mergeActors.actor.aliases")
                .entityList(String.class)
                .contains("Mutation Person merge-http")
                .path("mergeActors.mergedId")
                .entity(String.class)
                .isEqualTo(duplicate);
        // language=GraphQL
        editor.document("query($id: ID!) { node(id: $id) { id } }")
                .variable("id", duplicate)
                .execute()
                .path("node")
                .valueIsNull();
        assertThat(count(
                        "select count(*) from statements where speaker_id = ?",
                        GlobalId.decode(keep).id()))
                .isEqualTo(1);

        // language=GraphQL
        String delete = "mutation($id: ID!) { deleteArticle(input: {id: $id}) { deletedId } }";
        editor.document(delete)
                .variable("id", articleId)
                .execute()
                .path("deleteArticle.deletedId")
                .entity(String.class)
                .isEqualTo(articleId);
        // language=GraphQL
        String deleteAgain =
                "mutation($id: ID!) { deleteArticle(input: {id: $id}) { deletedId errors { path code } } }";
        var again = editor.document(deleteAgain).variable("id", articleId).execute();
        again.path("deleteArticle.deletedId").valueIsNull();
        again.path("deleteArticle.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        again.path("deleteArticle.errors[0].path").entity(String.class).isEqualTo("id");
        editor.document(delete)
                .variable("id", keep)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_ID")));
        assertThat(count(
                        "select count(*) from actors where id = ?",
                        GlobalId.decode(keep).id()))
                .isEqualTo(1);
    }

    @Test
    void updateEvent_overHttp() {
        long london = count("select id from events where external_key = '2025-04-23-london-ukraine-talks'");
        String id = GlobalId.encode("Event", london);
        // language=GraphQL
        String update = """
                mutation($input: UpdateEventInput!) {
                  updateEvent(input: $input) { event { id status location } changed errors { path code } }
                }""";
        editor.document(update)
                .variable("input", Map.of("id", id, "location", "Lancaster House, London"))
                .execute()
                .path("updateEvent.changed")
                .entity(Boolean.class)
                .isEqualTo(true)
                .path("updateEvent.event.location")
                .entity(String.class)
                .isEqualTo("Lancaster House, London");
        editor.document(update)
                .variable("input", Map.of("id", id, "location", "Lancaster House, London"))
                .execute()
                .path("updateEvent.changed")
                .entity(Boolean.class)
                .isEqualTo(false);
        editor.document(update)
                .variable("input", Map.of("id", id, "startsOn", "2025-04-23"))
                .execute()
                .path("updateEvent.errors[0].path")
                .entity(String.class)
                .isEqualTo("startsOnPrecision")
                .path("updateEvent.event")
                .valueIsNull();
    }
}
