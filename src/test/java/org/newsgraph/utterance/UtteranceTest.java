package org.newsgraph.utterance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.GraphQlHttp;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * Utterances over real HTTP: reports of the same words from several outlets become one utterance, a
 * translation becomes a candidate that a curator confirms or rejects, and nothing else links.
 */
@IsolatedIntegrationTest
class UtteranceTest {

    // language=GraphQL
    static final String INGEST = """
            mutation($input: IngestArticleInput!) {
              ingestArticle(input: $input) { article { id } errors { path code message } }
            }""";

    // language=GraphQL
    static final String UTTERANCES_OF_ARTICLE = """
            query($id: ID!) {
              node(id: $id) {
                ... on Article {
                  statements {
                    edges { node { text utterance {
                      id text reportCount firstReportedAt saidOn
                      speaker { name }
                      outlets { name }
                      possibleDuplicates { reason score utterance { id text } }
                    } } }
                  }
                }
              }
            }""";

    // language=GraphQL
    static final String REPORTS = """
            query($id: ID!, $after: String) {
              utterance(id: $id) {
                reports(first: 2, after: $after) {
                  totalCount
                  pageInfo { hasNextPage endCursor }
                  edges { node { kind cue article { publisher { name } } } }
                }
              }
            }""";

    // language=GraphQL
    static final String DECIDE = """
            mutation($input: UtteranceCandidateInput!) {
              %s(input: $input) { utterance { id reportCount } errors { path code message } }
            }""";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    @Autowired
    UtteranceRelinker relinker;

    HttpGraphQlTester anonymous;
    HttpGraphQlTester editor;
    final JsonMapper json = JsonMapper.builder().build();
    String tag;

    @BeforeEach
    void setUp() {
        anonymous = GraphQlHttp.tester(port);
        editor = anonymous
                .mutate()
                .header("Authorization", "Bearer " + keys.create("utterance-editor-" + UUID.randomUUID(), Role.EDITOR))
                .build();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    /** An article of one outlet: the speaker (same name in every outlet) says one thing about the event. */
    @SuppressWarnings("unchecked")
    String ingest(String outlet, String publishedAt, String speaker, String kind, String text, String saidOn) {
        var document = json.readValue(
                """
                {"url": "https://%1$s.example/%2$s/%6$s", "title": "Report by %1$s", "publisher": "o",
                 "publishedAt": "%3$s",
                 "actors": [{"ref": "o", "kind": "MEDIA_OUTLET", "name": "Utterance Outlet %1$s %2$s"},
                            {"ref": "p", "kind": "PERSON", "name": "%4$s %2$s"}],
                 "events": [{"ref": "e", "externalKey": "utterance-test-%2$s", "kind": "TALKS",
                             "title": "Utterance test talks %2$s", "status": "HAPPENED"}],
                 "statements": [{"speaker": "p", "kind": "%5$s", "text": %7$s, "cue": "said",
                                 "saidOn": "%6$s", "saidOnPrecision": "DAY", "events": ["e"]}]}
                """.formatted(outlet, tag, publishedAt, speaker, kind, saidOn, json.writeValueAsString(text)),
                Map.class);
        var response = editor.document(INGEST).variable("input", document).execute();
        response.path("ingestArticle.errors").entityList(Object.class).hasSize(0);
        return response.path("ingestArticle.article.id").entity(String.class).get();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> utteranceOf(String articleId) {
        return anonymous
                .document(UTTERANCES_OF_ARTICLE)
                .variable("id", articleId)
                .execute()
                .path("node.statements.edges[0].node.utterance")
                .entity(Map.class)
                .get();
    }

    @Test
    void sameWordsFromThreeOutlets_areOneUtterance_aTranslationACandidate_othersApart() {
        var wire = ingest(
                "wire",
                "2025-04-22T10:00:00Z",
                "Olena Marchuk",
                "DIRECT_QUOTE",
                "Ukraine will not trade land for peace, not now and not later.",
                "2025-04-22");
        var paper = ingest(
                "paper",
                "2025-04-22T12:00:00Z",
                "Olena Marchuk",
                "DIRECT_QUOTE",
                "\u201CUkraine will NOT trade land for peace - not now, and not later!\u201D",
                "2025-04-22");
        var digest = ingest(
                "digest",
                "2025-04-23T06:00:00Z",
                "Olena Marchuk",
                "PARTIAL_QUOTE",
                "Kyiv \"will not trade land for peace,\" she said.",
                "2025-04-22");
        var translated = ingest(
                "agency",
                "2025-04-22T11:00:00Z",
                "Olena Marchuk",
                "DIRECT_QUOTE",
                "Kyiv is not going to swap territory for a truce, neither today nor tomorrow.",
                "2025-04-22");
        var otherSpeaker = ingest(
                "radio",
                "2025-04-22T13:00:00Z",
                "Olena Marchenko",
                "DIRECT_QUOTE",
                "Ukraine will not trade land for peace, not now and not later.",
                "2025-04-22");
        var otherDay = ingest(
                "weekly",
                "2025-04-30T13:00:00Z",
                "Olena Marchuk",
                "DIRECT_QUOTE",
                "Ukraine will not trade land for peace, not now and not later.",
                "2025-04-29");

        var utterance = utteranceOf(wire);
        assertThat(utteranceOf(paper).get("id")).isEqualTo(utterance.get("id"));
        assertThat(utteranceOf(digest).get("id")).isEqualTo(utterance.get("id"));
        assertThat(utterance.get("reportCount")).isEqualTo(3);
        assertThat(utterance.get("firstReportedAt")).isEqualTo("2025-04-22T10:00:00Z");
        assertThat(utterance.get("saidOn")).isEqualTo("2025-04-22");
        assertThat(utterance.get("text")).isEqualTo("Ukraine will not trade land for peace, not now and not later.");
        assertThat(names(utterance.get("outlets")))
                .containsExactly(
                        "Utterance Outlet wire " + tag,
                        "Utterance Outlet paper " + tag,
                        "Utterance Outlet digest " + tag);

        for (var apart : List.of(translated, otherSpeaker, otherDay)) {
            assertThat(utteranceOf(apart).get("id")).isNotEqualTo(utterance.get("id"));
        }
        var candidate = utteranceOf(translated);
        @SuppressWarnings("unchecked")
        var duplicates = (List<Map<String, Object>>) utterance.get("possibleDuplicates");
        assertThat(duplicates).hasSize(1);
        assertThat(duplicates.get(0).get("reason")).isEqualTo("SAME_SPEAKER_EVENT_DAY");
        assertThat(((Map<?, ?>) duplicates.get(0).get("utterance")).get("id")).isEqualTo(candidate.get("id"));
    }

    @Test
    void reports_arePagedWithCursors_andKeepTheirOwnArticleAndKind() {
        var first = ingest(
                "a",
                "2025-05-01T10:00:00Z",
                "Taras Hnatiuk",
                "DIRECT_QUOTE",
                "We expect a written answer from Moscow by Friday.",
                "2025-05-01");
        ingest(
                "b",
                "2025-05-01T11:00:00Z",
                "Taras Hnatiuk",
                "DIRECT_QUOTE",
                "We expect a written answer from Moscow by Friday",
                "2025-05-01");
        ingest(
                "c",
                "2025-05-01T12:00:00Z",
                "Taras Hnatiuk",
                "PARTIAL_QUOTE",
                "He wanted \"a written answer from Moscow by Friday\".",
                "2025-05-01");
        var id = (String) utteranceOf(first).get("id");

        var page = anonymous.document(REPORTS).variable("id", id).execute();
        page.path("utterance.reports.totalCount").entity(Integer.class).isEqualTo(3);
        page.path("utterance.reports.edges").entityList(Object.class).hasSize(2);
        page.path("utterance.reports.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        var cursor = page.path("utterance.reports.pageInfo.endCursor")
                .entity(String.class)
                .get();
        var rest = anonymous
                .document(REPORTS)
                .variable("id", id)
                .variable("after", cursor)
                .execute();
        rest.path("utterance.reports.edges").entityList(Object.class).hasSize(1);
        rest.path("utterance.reports.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);
        var kinds = new java.util.ArrayList<String>();
        kinds.addAll(page.path("utterance.reports.edges[*].node.kind")
                .entityList(String.class)
                .get());
        kinds.addAll(rest.path("utterance.reports.edges[*].node.kind")
                .entityList(String.class)
                .get());
        assertThat(kinds).containsExactlyInAnyOrder("DIRECT_QUOTE", "DIRECT_QUOTE", "PARTIAL_QUOTE");
    }

    @Test
    void aCuratorConfirmsACandidate_andTheDecisionOutlivesRelinking() {
        var original = ingest(
                "x",
                "2025-06-01T10:00:00Z",
                "Iryna Koval",
                "DIRECT_QUOTE",
                "The ceasefire must hold along the whole line of contact.",
                "2025-06-01");
        var translation = ingest(
                "y",
                "2025-06-01T11:00:00Z",
                "Iryna Koval",
                "DIRECT_QUOTE",
                "A truce has to be kept on the entire front.",
                "2025-06-01");
        var a = (String) utteranceOf(original).get("id");
        var b = (String) utteranceOf(translation).get("id");
        assertThat(a).isNotEqualTo(b);

        anonymous
                .document(DECIDE.formatted("confirmUtteranceCandidate"))
                .variable("input", Map.of("utterance", a, "other", b))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("code", "UNAUTHORIZED"));
        editor.document(DECIDE.formatted("confirmUtteranceCandidate"))
                .variable("input", Map.of("utterance", a, "other", "not-an-id"))
                .execute()
                .path("confirmUtteranceCandidate.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_ID");
        var confirmed = editor.document(DECIDE.formatted("confirmUtteranceCandidate"))
                .variable("input", Map.of("utterance", a, "other", b))
                .execute();
        confirmed
                .path("confirmUtteranceCandidate.errors")
                .entityList(Object.class)
                .hasSize(0);
        confirmed
                .path("confirmUtteranceCandidate.utterance.reportCount")
                .entity(Integer.class)
                .isEqualTo(2);
        assertThat(utteranceOf(translation).get("id")).isEqualTo(a);
        editor.document(DECIDE.formatted("rejectUtteranceCandidate"))
                .variable("input", Map.of("utterance", a, "other", b))
                .execute()
                .path("rejectUtteranceCandidate.errors[0].code")
                .entity(String.class)
                .isEqualTo("NOT_A_CANDIDATE");

        relinker.relinkAll();
        assertThat(utteranceOf(translation).get("id"))
                .isEqualTo(utteranceOf(original).get("id"));
    }

    @Test
    void aRejectedCandidate_isNoLongerOffered_evenAfterRelinking() {
        var one = ingest(
                "p",
                "2025-07-01T10:00:00Z",
                "Mykola Bondar",
                "DIRECT_QUOTE",
                "Our army holds every position near the river.",
                "2025-07-01");
        var two = ingest(
                "q",
                "2025-07-01T11:00:00Z",
                "Mykola Bondar",
                "DIRECT_QUOTE",
                "Reinforcements will arrive before the winter.",
                "2025-07-01");
        var a = (String) utteranceOf(one).get("id");
        var b = (String) utteranceOf(two).get("id");
        assertThat((List<?>) utteranceOf(one).get("possibleDuplicates")).hasSize(1);
        editor.document(DECIDE.formatted("rejectUtteranceCandidate"))
                .variable("input", Map.of("utterance", a, "other", b))
                .execute()
                .path("rejectUtteranceCandidate.errors")
                .entityList(Object.class)
                .hasSize(0);
        assertThat((List<?>) utteranceOf(one).get("possibleDuplicates")).isEmpty();
        relinker.relinkAll();
        assertThat((List<?>) utteranceOf(one).get("possibleDuplicates")).isEmpty();
        assertThat(utteranceOf(two).get("id")).isNotEqualTo(utteranceOf(one).get("id"));
    }

    // language=GraphQL
    static final String NESTED = """
            query($id: ID!) {
              utterance(id: $id) { reports(first: 10) { edges { node { article { title } utterance {
                text speaker { name } outlets { name } possibleDuplicates { score utterance { text speaker { name } } }
              } } } } }
            }""";

    @Test
    @SuppressWarnings("unchecked")
    void utteranceFields_areBatched_oneSelectPerLevelWhateverTheNumberOfReports() {
        var single = ingest(
                "s1",
                "2025-08-01T10:00:00Z",
                "Petro Lysenko",
                "DIRECT_QUOTE",
                "The bridge will reopen in September.",
                "2025-08-01");
        var many = ingest(
                "m1",
                "2025-08-02T10:00:00Z",
                "Petro Lysenko",
                "DIRECT_QUOTE",
                "Grain exports doubled this summer.",
                "2025-08-02");
        ingest(
                "m2",
                "2025-08-02T11:00:00Z",
                "Petro Lysenko",
                "DIRECT_QUOTE",
                "Grain exports doubled this summer!",
                "2025-08-02");
        ingest(
                "m3",
                "2025-08-02T12:00:00Z",
                "Petro Lysenko",
                "PARTIAL_QUOTE",
                "Exports \"doubled this summer\", he said.",
                "2025-08-02");
        long[] selects = new long[2];
        int i = 0;
        for (var article : List.of(single, many)) {
            var response = org.springframework.test.web.reactive.server.WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + port)
                    .build()
                    .post()
                    .uri("/graphql")
                    .bodyValue(Map.of(
                            "query",
                            NESTED,
                            "variables",
                            Map.of("id", utteranceOf(article).get("id"))))
                    .exchange()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(response).doesNotContainKey("errors");
            var sql = (Map<String, Number>) ((Map<String, Object>) response.get("extensions")).get("sql");
            selects[i++] = sql.get("selects").longValue();
        }
        assertThat(selects[1]).isEqualTo(selects[0]);
    }

    private static List<String> names(Object actors) {
        return ((List<?>) actors)
                .stream().map(a -> (String) ((Map<?, ?>) a).get("name")).toList();
    }
}
