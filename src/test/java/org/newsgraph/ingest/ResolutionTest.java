package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The resolution engine on small multi-outlet documents over real PostgreSQL and HTTP: transliterations,
 * name forms, short forms of countries and events of several precisions are joined; people who share a
 * surname, different days and invisible characters are not; candidates can be confirmed, rejected and split.
 * All names are invented, so that nothing else in the shared database can match them.
 */
@IsolatedIntegrationTest
class ResolutionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestService ingest;

    @Autowired
    ArticleDocumentReader reader;

    @Autowired
    ApiKeyService keys;

    @Autowired
    StoredDataResolver resolver;

    HttpGraphQlTester editor;

    @BeforeEach
    void setUp() {
        editor = GraphQlHttp.tester(port)
                .mutate()
                .header("Authorization", "Bearer " + keys.create("resolution-" + UUID.randomUUID(), Role.EDITOR))
                .build();
    }

    /** An article of one outlet: a person (with an optional affiliation), a country and an event. */
    IngestResult article(String outlet, String person, String affiliation, String country, String event) {
        return ingest.ingest(reader.read("""
                {"url": "https://%1$s.example/%2$s", "title": "Report", "publisher": "o",
                 "actors": [{"ref": "o", "kind": "MEDIA_OUTLET", "name": "%1$s"},
                            {"ref": "p", "kind": "PERSON", "name": "%3$s"%4$s},
                            {"ref": "c", "kind": "COUNTRY", "name": "%5$s"},
                            {"ref": "org", "kind": "GOVERNMENT_BODY", "name": "Ruritanian Defence Council"}],
                 "events": [%6$s],
                 "statements": [{"speaker": "p", "kind": "PARAPHRASE", "text": "%1$s quotes %3$s."%7$s}]}""".formatted(
                outlet,
                UUID.randomUUID(),
                person,
                affiliation == null
                        ? ""
                        : ", \"affiliations\": [{\"organization\": \"org\", \"title\": \"" + affiliation + "\"}]",
                country,
                event == null ? "" : event,
                event == null ? "" : ", \"events\": [\"e\"]")));
    }

    static String event(String kind, String title, String date, String precision) {
        return """
                {"ref": "e", "kind": "%s", "title": "%s", "status": "HAPPENED", "startsOn": "%s",
                 "startsOnPrecision": "%s", "participants": [{"actor": "p", "role": "ATTENDEE"}, {"actor": "c", "role": "PARTY"}]}""".formatted(kind, title, date, precision);
    }

    static long id(IngestResult result, String ref) {
        return result.actors().stream()
                .filter(r -> r.ref().equals(ref))
                .findFirst()
                .orElseThrow()
                .id();
    }

    static long event(IngestResult result) {
        return result.events().get(0).id();
    }

    @Test
    void onePersonAndOneCountry_reportedByThreeOutlets_becomeOneActorEach_withTheEvidenceKept() {
        var a = article("outlet-a", "Volodymyr Zhytomyrskyy", "Defence Minister", "Britain", null);
        var b = article("outlet-b", "Vladimir Zhitomirsky", "Defence Minister", "United Kingdom", null);
        var c = article("outlet-c", "Zhytomyrskyi, Volodymyr", null, "Great Britain", null);
        assertThat(id(b, "p")).isEqualTo(id(a, "p"));
        assertThat(id(c, "p")).isEqualTo(id(a, "p"));
        assertThat(id(b, "c")).isEqualTo(id(a, "c"));
        assertThat(id(c, "c")).isEqualTo(id(a, "c"));

        // language=GraphQL
        var query = """
                query($id: ID!) { node(id: $id) { ... on Actor { name mergeEvidence {
                    outcome status score mention features { name weight } article { url } } } } }""";
        var evidence = editor.document(query)
                .variable("id", GlobalId.encode("Actor", id(a, "p")))
                .execute()
                .path("node.mergeEvidence")
                .entityList(Map.class)
                .get();
        assertThat(evidence).extracting(m -> m.get("mention")).contains("Vladimir Zhitomirsky");
        assertThat(evidence).allSatisfy(m -> {
            assertThat(m.get("outcome")).isEqualTo("MERGED");
            assertThat(((Number) m.get("score")).doubleValue()).isGreaterThanOrEqualTo(8);
            assertThat((List<?>) m.get("features")).isNotEmpty();
        });
    }

    @Test
    void peopleSharingASurnameOrAGivenName_stayApart_andInvisibleCharactersMakeNoNewActor() {
        var a = article("outlet-d", "Bohdan Zhytomyrskyy", null, "Belarus", null);
        var b = article("outlet-e", "Taras Zhytomyrskyy", null, "Russia", null);
        var c = article("outlet-f", "Bohdan Oreshkin", null, "Belarus", null);
        var d = article("outlet-g", "Bohdan Zhytomyr\u200Bskyy\u00AD", null, "Bela\u200Drus", null);
        assertThat(id(b, "p")).isNotEqualTo(id(a, "p"));
        assertThat(id(c, "p")).isNotEqualTo(id(a, "p"));
        assertThat(id(b, "c")).isNotEqualTo(id(a, "c"));
        assertThat(id(d, "p")).isEqualTo(id(a, "p"));
        assertThat(id(d, "c")).isEqualTo(id(a, "c"));
        assertThat(jdbc.sql("select count(*) from actors where name ~ '[\\u200B\\u200D\\u00AD]'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anEventDatedByDayAndByItsWeek_isOneEvent_theNextDayIsAnother() {
        var a = article(
                "outlet-h",
                "Ilya Strelsky",
                null,
                "Ukraine",
                event("TALKS", "Strelsau talks on Ruritanian defence", "2031-03-12", "DAY"));
        var b = article(
                "outlet-i",
                "Ilya Strelsky",
                null,
                "Ukraine",
                event("MEETING", "Ruritanian defence talks in Strelsau", "2031-03-10", "WEEK"));
        var c = article(
                "outlet-j",
                "Ilya Strelsky",
                null,
                "Ukraine",
                event("TALKS", "Strelsau talks on Ruritanian defence", "2031-03-13", "DAY"));
        assertThat(event(b)).isEqualTo(event(a));
        assertThat(event(c)).isNotEqualTo(event(a));
        // The merged event keeps what the first outlet stated.
        assertThat(jdbc.sql("select starts_on_precision from events where id = ?")
                        .param(event(a))
                        .query(String.class)
                        .single())
                .isEqualTo("DAY");
    }

    // language=GraphQL
    static final String DUPLICATES = """
            query($id: ID!) { node(id: $id) { ... on Actor { possibleDuplicates { id status score
                actor { id } candidateActor { id } } } } }""";

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> duplicates(long actorId) {
        return (List<Map<String, Object>>) (List<?>) editor.document(DUPLICATES)
                .variable("id", GlobalId.encode("Actor", actorId))
                .execute()
                .path("node.possibleDuplicates")
                .entityList(Map.class)
                .get();
    }

    long statements(long speaker) {
        return jdbc.sql("select count(*) from statements where speaker_id = ?")
                .param(speaker)
                .query(Long.class)
                .single();
    }

    @Test
    void aCandidate_canBeConfirmed_thenSplitAgain_withoutLosingAStatement() {
        var a = article("outlet-k", "Miroslav Kvetnansky", null, "Poland", null);
        var b = article("outlet-l", "Myroslav Kvitnansky", null, "Poland", null);
        long first = id(a, "p");
        long second = id(b, "p");
        assertThat(second).isNotEqualTo(first);
        var candidates = duplicates(first);
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).get("status")).isEqualTo("PENDING");
        var decision = (String) candidates.get(0).get("id");

        // language=GraphQL
        var confirm = """
                mutation($d: ID!) { confirmDuplicate(input: {decision: $d}) { decision { status actor { id } } errors { code } } }""";
        editor.document(confirm)
                .variable("d", decision)
                .execute()
                .path("confirmDuplicate.decision.status")
                .entity(String.class)
                .isEqualTo("CONFIRMED");
        assertThat(statements(first)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from actors where id = ?")
                        .param(second)
                        .query(Long.class)
                        .single())
                .isZero();
        // Confirming twice is a payload error, not a GraphQL error.
        editor.document(confirm)
                .variable("d", decision)
                .execute()
                .path("confirmDuplicate.errors[0].code")
                .entity(String.class)
                .isEqualTo("NOT_PENDING");

        // language=GraphQL
        var split = """
                mutation($d: ID!) { splitMerge(input: {decision: $d}) { decision { status } actor { id name } errors { code } } }""";
        var response = editor.document(split).variable("d", decision).execute();
        response.path("splitMerge.decision.status").entity(String.class).isEqualTo("SPLIT");
        response.path("splitMerge.actor.name").entity(String.class).isEqualTo("Myroslav Kvitnansky");
        var splitId = GlobalId.decode(
                response.path("splitMerge.actor.id").entity(String.class).get(), "Actor");
        assertThat(statements(first)).isEqualTo(1);
        assertThat(statements(splitId)).isEqualTo(1);
    }

    @Test
    void aRejectedCandidate_staysTwoActors_evenAfterResolveRuns() {
        var a = article("outlet-m", "Radomir Vlasenkov", null, "Serbia", null);
        var b = article("outlet-n", "Radomyr Vlasienkov", null, "Serbia", null);
        var decision = (String) duplicates(id(a, "p")).get(0).get("id");
        // language=GraphQL
        var reject = """
                mutation($d: ID!) { rejectDuplicate(input: {decision: $d}) { decision { status } errors { code } } }""";
        editor.document(reject)
                .variable("d", decision)
                .execute()
                .path("rejectDuplicate.decision.status")
                .entity(String.class)
                .isEqualTo("REJECTED");
        resolver.run();
        assertThat(jdbc.sql("select count(*) from actors where id in (?, ?)")
                        .param(id(a, "p"))
                        .param(id(b, "p"))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(duplicates(id(a, "p"))).isEmpty();
    }

    @Test
    void resolve_mergesWhatLaterEvidenceJoins_whichIngestOrderHadLeftApart() {
        // Two spellings, no evidence beyond the names: a candidate only.
        var a = article("outlet-o", "Petro Hnatyshyn", null, "Moldova", null);
        var b = article("outlet-p", "Petr Gnatyshin", null, "Moldova", null);
        assertThat(id(b, "p")).isNotEqualTo(id(a, "p"));
        // Later articles give both spellings the same affiliation.
        article("outlet-o", "Petro Hnatyshyn", "Chief of Staff", "Moldova", null);
        article("outlet-p", "Petr Gnatyshin", "Chief of Staff", "Moldova", null);
        var outcome = resolver.run();
        assertThat(outcome.actorMerges()).isPositive();
        assertThat(jdbc.sql("select count(*) from actors where id in (?, ?)")
                        .param(id(a, "p"))
                        .param(id(b, "p"))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(statements(id(a, "p"))).isEqualTo(4);
    }

    @Test
    void oneArticleNamingTwoPeopleOfOneName_byTheirTwoJobs_makesTwoActors() {
        var result = ingest.ingest(reader.read("""
                {"url": "https://outlet-q.example/%s", "title": "Report", "publisher": "o",
                 "actors": [{"ref": "o", "kind": "MEDIA_OUTLET", "name": "outlet-q"},
                            {"ref": "regulator", "kind": "GOVERNMENT_BODY", "name": "Ruritanian Fair Trade Office"},
                            {"ref": "broker", "kind": "ORGANIZATION", "name": "Strelsau Securities"},
                            {"ref": "chair", "kind": "PERSON", "name": "Oksana Vretenko",
                             "affiliations": [{"organization": "regulator", "title": "Chairperson"}]},
                            {"ref": "analyst", "kind": "PERSON", "name": "Oksana Vretenko",
                             "affiliations": [{"organization": "broker", "title": "battery analyst"}]},
                            {"ref": "again", "kind": "PERSON", "name": "Oksana Vretenko"}],
                 "statements": [{"speaker": "chair", "kind": "PARAPHRASE", "text": "The office will appeal."},
                                {"speaker": "analyst", "kind": "PARAPHRASE", "text": "Shares will rise."}]}""".formatted(UUID.randomUUID())));
        assertThat(id(result, "analyst")).isNotEqualTo(id(result, "chair"));
        // The same name without an affiliation is still one of them, not a third person.
        assertThat(id(result, "again")).isIn(id(result, "chair"), id(result, "analyst"));
    }

    @Autowired
    ResolutionStartup startup;

    @Test
    void candidateKeysOfOlderRules_areComputedAgainAtStart_withoutAManualResolve() {
        var a = article("outlet-r", "Oleksandr Yermolenko", null, "Moldova", null);
        long actor = id(a, "p");
        // As an older release left them: a key no rule makes any more, and one of today's keys missing.
        jdbc.sql("delete from actor_match_keys where actor_id = ?").param(actor).update();
        jdbc.sql("insert into actor_match_keys (key, actor_id) values ('old:yermolenko', ?)")
                .param(actor)
                .update();
        jdbc.sql("""
                insert into actor_match_keys_version (singleton, fingerprint) values (true, 'older-rules')
                on conflict (singleton) do update set fingerprint = excluded.fingerprint""").update();

        startup.start();

        var keys = jdbc.sql("select key from actor_match_keys where actor_id = ?")
                .param(actor)
                .query(String.class)
                .list();
        assertThat(keys).doesNotContain("old:yermolenko");
        assertThat(keys)
                .containsAll(new org.newsgraph.resolution.ActorScorer(org.newsgraph.resolution.Gazetteer.standard())
                        .blockingKeys("PERSON", "Oleksandr Yermolenko"));
        assertThat(jdbc.sql("select fingerprint from actor_match_keys_version")
                        .query(String.class)
                        .single())
                .isEqualTo(org.newsgraph.resolution.ActorScorer.keysFingerprint());
        // Another spelling, found only through today's keys (no name or alias is equal), is the same person.
        var b = article("outlet-s", "Oleksandr Ermolenko", null, "Moldova", null);
        assertThat(id(b, "p")).isEqualTo(actor);
    }
}
