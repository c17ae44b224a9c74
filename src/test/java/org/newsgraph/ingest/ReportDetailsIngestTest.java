package org.newsgraph.ingest;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingesting what news reports say beyond "X said Y about Z", over HTTP: times within a day, uncertain
 * participation, date-only publication, parent cycles refused (within a document and across documents), the
 * new rules' errors all at once, and a changed article replacing its details.
 */
@IsolatedIntegrationTest
class ReportDetailsIngestTest {

    // language=GraphQL
    private static final String INGEST = """
            mutation($input: IngestArticleInput!) {
              ingestArticle(input: $input) {
                outcome
                article { id publishedAt publishedAtPrecision }
                events { ref event { id } }
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
    HttpGraphQlTester editor;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        anonymous = GraphQlHttp.tester(port);
        editor = anonymous
                .mutate()
                .header("Authorization", "Bearer " + keys.create("editor-" + UUID.randomUUID(), Role.EDITOR))
                .build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(String text) {
        return json.readValue(text, Map.class);
    }

    private List<Map<String, Object>> errors(Map<String, Object> input) {
        return editor.document(INGEST)
                .variable("input", input)
                .execute()
                .path("ingestArticle.errors")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .get();
    }

    // A truce from Saturday 18:00 to Sunday midnight, Moscow time, as a wire copy without a time of publication.
    private static final String TRUCE = """
            {"url": "https://example.org/truce-%1$s", "title": "Truce %1$s", "publishedAt": "2025-04-19",
             "actors": [
               {"ref": "putin", "kind": "PERSON", "name": "Vladimir Putin"},
               {"ref": "ukraine", "kind": "COUNTRY", "name": "Ukraine"},
               {"ref": "envoy", "kind": "PERSON", "name": "Envoy %1$s"}],
             "events": [
               {"ref": "truce", "externalKey": "truce-%1$s", "kind": "CEASEFIRE", "title": "Easter truce %1$s",
                "status": "SCHEDULED",
                "startsAt": "2025-04-19T18:00:00+03:00", "startsOnPrecision": "HOUR",
                "endsAt": "2025-04-21T00:00:00+03:00", "endsOnPrecision": "HOUR",
                "participants": [
                  {"actor": "putin", "role": "PROPOSER"},
                  {"actor": "ukraine", "role": "PARTY", "stance": "UNDECIDED"},
                  {"actor": "envoy", "role": "UNCERTAIN", "note": "unclear whether he will attend"}]}],
             "statements": [
               {"speaker": "putin", "addressee": "envoy", "kind": "PARAPHRASE", "text": "A truce holds over Easter.",
                "hedge": "REPORTEDLY"}]}""";

    private Map<String, Object> truce(String tag) {
        return document(TRUCE.formatted(tag));
    }

    @Test
    void timesWithinADay_uncertainParticipation_andADateOnlyPublication() {
        var response = editor.document(INGEST).variable("input", truce("hour")).execute();
        response.path("ingestArticle.errors").entityList(Object.class).hasSize(0);
        response.path("ingestArticle.article.publishedAt").entity(String.class).isEqualTo("2025-04-19T00:00:00Z");
        response.path("ingestArticle.article.publishedAtPrecision")
                .entity(String.class)
                .isEqualTo("DAY");

        // language=GraphQL
        var event = anonymous.document("""
                        query { event(externalKey: "truce-hour") {
                          startsOn startsOnPrecision startsAt endsOn endsOnPrecision endsAt
                          participants { role stance note actor { name } } } }""").execute();
        event.path("event.startsAt").entity(String.class).isEqualTo("2025-04-19T15:00:00Z");
        event.path("event.startsOn").entity(String.class).isEqualTo("2025-04-19");
        event.path("event.startsOnPrecision").entity(String.class).isEqualTo("HOUR");
        event.path("event.endsAt").entity(String.class).isEqualTo("2025-04-20T21:00:00Z");
        event.path("event.endsOn").entity(String.class).isEqualTo("2025-04-21");
        event.path("event.participants[?(@.role == 'UNCERTAIN')].note")
                .entityList(String.class)
                .containsExactly("unclear whether he will attend");
        event.path("event.participants[?(@.actor.name == 'Ukraine')].stance")
                .entityList(String.class)
                .containsExactly("UNDECIDED");

        // The same document again writes nothing.
        editor.document(INGEST)
                .variable("input", truce("hour"))
                .execute()
                .path("ingestArticle.outcome")
                .entity(String.class)
                .isEqualTo("UNCHANGED");
    }

    @Test
    void aParentCycleInOneDocument_isRefusedWithItsPath_andNothingIsWritten() {
        var input = document("""
                {"url": "https://example.org/cycle", "title": "Cycle",
                 "events": [
                   {"ref": "a", "kind": "TALKS", "title": "A", "status": "SCHEDULED", "parent": "b"},
                   {"ref": "b", "kind": "TALKS", "title": "B", "status": "SCHEDULED", "parent": "a"}]}""");
        assertThat(errors(input)).singleElement().satisfies(error -> {
            assertThat(error.get("code")).isEqualTo("PARENT_CYCLE");
            assertThat(error.get("path")).isEqualTo("events[0].parent");
            assertThat((String) error.get("message")).contains("a is inside b is inside a");
        });
        assertThat(jdbc.sql("select count(*) from articles where url = 'https://example.org/cycle'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aParentCycleAcrossDocuments_isRefusedByTheDatabase() {
        assertThat(errors(document("""
                {"url": "https://example.org/inside-1", "title": "One",
                 "events": [
                   {"ref": "x", "externalKey": "cycle-x", "kind": "TALKS", "title": "X", "status": "SCHEDULED", "parent": "y"},
                   {"ref": "y", "externalKey": "cycle-y", "kind": "PEACE_PROCESS", "title": "Y", "status": "ONGOING"}]}"""))).isEmpty();
        var second = errors(document("""
                {"url": "https://example.org/inside-2", "title": "Two",
                 "events": [
                   {"ref": "y", "externalKey": "cycle-y", "kind": "PEACE_PROCESS", "title": "Y", "status": "ONGOING", "parent": "x"},
                   {"ref": "x", "externalKey": "cycle-x", "kind": "TALKS", "title": "X", "status": "SCHEDULED"}]}"""));
        assertThat(second).singleElement().satisfies(error -> {
            assertThat(error.get("code")).isEqualTo("REJECTED_BY_DATABASE");
            assertThat((String) error.get("message")).contains("which is already inside it");
        });
        assertThat(jdbc.sql("select count(*) from articles where url = 'https://example.org/inside-2'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theNewRules_reportEveryProblemAtOnce() {
        var input = document("""
                {"url": "https://example.org/bad-details", "title": "Bad", "publishedAt": "2025-04-19T10:00:00Z",
                 "publishedAtPrecision": "DAY",
                 "actors": [{"ref": "a", "kind": "PERSON", "name": "A"}, {"ref": "b", "kind": "PERSON", "name": "B"}],
                 "events": [{"ref": "e", "kind": "TALKS", "title": "E", "status": "SCHEDULED",
                             "startsAt": "2025-04-19T18:00:00Z", "startsOnPrecision": "DAY", "startsOn": "2025-04-19",
                             "statusHistory": [{"status": "PROPOSED", "on": "2025-04-01"}]}],
                 "statements": [
                   {"ref": "s1", "speakers": ["a", "a"], "kind": "DIRECT_QUOTE", "text": "One.", "addressee": "nobody",
                    "originalLanguage": "ru", "within": "s2"},
                   {"ref": "s2", "speaker": "b", "kind": "PARAPHRASE", "text": "Two.", "within": "s1",
                    "relations": [{"kind": "CONFIRMS", "statement": "s9"}, {"kind": "DENIES", "statement": "s2"}]},
                   {"kind": "ARTICLE_CLAIM", "text": "Three, with no publisher to say it."}]}""");
        assertThat(errors(input))
                .extracting(error -> error.get("path") + " " + error.get("code"))
                .contains(
                        "publishedAt INVALID",
                        "events[0].startsOnPrecision INVALID",
                        "events[0].statusHistory[0].onPrecision REQUIRED",
                        "statements[0].speakers[1] DUPLICATE",
                        "statements[0].addressee UNKNOWN_REFERENCE",
                        "statements[0].translated INVALID",
                        "statements[1].relations[0].statement UNKNOWN_REFERENCE",
                        "statements[1].relations[1].statement INVALID",
                        "statements[0].within NESTING_CYCLE",
                        "statements[2].speaker REQUIRED");
    }

    @Test
    void aChangedArticle_replacesItsDetails() {
        var first = document("""
                {"url": "https://example.org/changing", "title": "Changing",
                 "actors": [{"ref": "a", "kind": "PERSON", "name": "Speaker One"},
                            {"ref": "b", "kind": "PERSON", "name": "Speaker Two"},
                            {"ref": "c", "kind": "MEDIA_OUTLET", "name": "Outlet C"}],
                 "statements": [
                   {"ref": "q", "speakers": ["a", "b"], "addressee": "c", "kind": "DIRECT_QUOTE", "text": "Together.",
                    "translated": true, "originalLanguage": "uk", "frequency": "REPEATEDLY"},
                   {"speaker": "b", "kind": "PARAPHRASE", "text": "Seconded.", "relations": [{"kind": "REPEATS", "statement": "q"}]}]}""");
        assertThat(errors(first)).isEmpty();
        @SuppressWarnings("unchecked")
        var statements = (List<Map<String, Object>>) first.get("statements");
        statements.get(0).remove("speakers");
        statements.get(0).put("speaker", "a");
        statements.get(0).remove("addressee");
        statements.get(0).remove("frequency");
        statements.get(1).remove("relations");
        assertThat(errors(first)).isEmpty();

        // language=GraphQL
        var response = anonymous.document("""
                        query { statements(filter: {text: "together"}) { edges { node {
                          speakers { name } addressee { name } frequency translated originalLanguage relations { kind } } } } }""").execute();
        response.path("statements.edges[0].node.speakers[*].name")
                .entityList(String.class)
                .containsExactly("Speaker One");
        response.path("statements.edges[0].node.addressee").valueIsNull();
        response.path("statements.edges[0].node.frequency").valueIsNull();
        response.path("statements.edges[0].node.translated")
                .entity(Boolean.class)
                .isEqualTo(true);
        response.path("statements.edges[0].node.relations")
                .entityList(Object.class)
                .hasSize(0);
    }
}
