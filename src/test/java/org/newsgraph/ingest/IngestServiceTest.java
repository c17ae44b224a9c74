package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The write path behind every ingest: idempotent, atomic, race-free entity resolution, complete validation. */
@IsolatedIntegrationTest
class IngestServiceTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestService ingest;

    @Autowired
    ArticleDocumentReader reader;

    ArticleDocument demo() throws Exception {
        return reader.read(new ClassPathResource("db/demo/ukraine-peace-talks-2025-04-22.json")
                .getContentAsString(StandardCharsets.UTF_8));
    }

    /** A small article; {@code tag} makes its URL, actors and event unique to the calling test. */
    ArticleDocument article(String tag, String statements) {
        // language=JSON
        return reader.read("""
                {
                  "url": "https://example.org/%1$s",
                  "title": "Article %1$s",
                  "publisher": "outlet",
                  "publishedAt": "2025-05-01T10:00:00Z",
                  "language": "en",
                  "authors": ["reporter"],
                  "actors": [
                    {"ref": "outlet", "kind": "MEDIA_OUTLET", "name": "Outlet %1$s"},
                    {"ref": "reporter", "kind": "PERSON", "name": "Reporter %1$s"},
                    {"ref": "speaker", "kind": "PERSON", "name": "Speaker %1$s", "aliases": ["Spk %1$s"]},
                    {"ref": "other", "kind": "COUNTRY", "name": "Country %1$s"}
                  ],
                  "events": [
                    {"ref": "meeting", "kind": "MEETING", "title": "Meeting %1$s", "status": "HAPPENED",
                     "startsOn": "2025-04-30", "startsOnPrecision": "DAY",
                     "participants": [{"actor": "speaker", "role": "HOST"}, {"actor": "other", "role": "ATTENDEE"}]}
                  ],
                  "statements": [%2$s]
                }""".formatted(tag, statements));
    }

    static String statement(String speaker, String text) {
        return """
                {"speaker": "%s", "kind": "PARAPHRASE", "text": "%s", "saidOn": "2025-04-30", "saidOnPrecision": "DAY",
                 "mentions": ["other"], "events": ["meeting"], "relayedVia": ["outlet"]}""".formatted(speaker, text);
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void demoArticleIngestedAgain_changesNoTable() throws Exception {
        var before = TableSnapshot.of(jdbc);
        var result = ingest.ingest(demo());
        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
        assertThat(result.actors()).allMatch(r -> r.match() == IngestResult.Match.MATCHED);
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void newArticleIngestedTwice_leavesEveryTableAsAfterOnce() {
        var doc = article("twice", statement("speaker", "First.") + "," + statement("other", "Second."));
        var first = ingest.ingest(doc);
        assertThat(first.outcome()).isEqualTo(IngestResult.Outcome.CREATED);
        assertThat(first.actors()).allMatch(r -> r.match() == IngestResult.Match.CREATED);
        assertThat(first.events()).allMatch(r -> r.match() == IngestResult.Match.CREATED);
        var afterOnce = TableSnapshot.of(jdbc);

        var second = ingest.ingest(doc);

        assertThat(second.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
        assertThat(second.articleId()).isEqualTo(first.articleId());
        assertThat(second.actors()).allMatch(r -> r.match() == IngestResult.Match.MATCHED);
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(afterOnce);
    }

    @Test
    void statementWithAnUnstorableDate_isRefused_andNothingOfTheArticleIsWritten() {
        // A valid java.time.LocalDate beyond PostgreSQL's date range: validation refuses it (years 1 to 9999).
        var doc = reader.read("""
                {"url": "https://example.org/atomic", "title": "Atomic",
                 "actors": [{"ref": "new", "kind": "PERSON", "name": "Brand New Person Atomic"}],
                 "events": [{"ref": "e", "kind": "OTHER", "title": "Atomic event", "status": "HAPPENED"}],
                 "statements": [
                   {"speaker": "new", "kind": "PARAPHRASE", "text": "One."},
                   {"speaker": "new", "kind": "PARAPHRASE", "text": "Two.", "events": ["e"]},
                   {"speaker": "new", "kind": "PARAPHRASE", "text": "Three."},
                   {"speaker": "new", "kind": "PARAPHRASE", "text": "Four.", "saidOn": "+6000000-01-01", "saidOnPrecision": "YEAR"}
                 ]}""");
        var before = TableSnapshot.of(jdbc);

        assertThatThrownBy(() -> ingest.ingest(doc))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.code()).isEqualTo("INVALID");
                            assertThat(p.path()).isEqualTo("statements[3].saidOn");
                            assertThat(p.message()).contains("9999-12-31");
                        }));

        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
        assertThat(count("select count(*) from actors where name = 'Brand New Person Atomic'"))
                .isZero();
    }

    @Test
    void invalidDocument_reportsEveryProblemWithItsPath_andWritesNothing() {
        var doc = reader.read("""
                {"url": "ftp://nope", "title": " ", "publisher": "ghost", "language": "English",
                 "authors": ["nobody"], "contributors": [null],
                 "actors": [
                   {"ref": "a", "kind": "PERSON", "name": "A", "wikidataId": "X1", "aliases": [""],
                    "affiliations": [{"organization": "zzz", "title": "T", "validFrom": "2025-02-01", "validTo": "2025-01-01"},
                                     {"title": null}]},
                   {"ref": "a", "name": ""},
                   null
                 ],
                 "events": [
                   {"ref": "e", "title": "E", "startsOn": "2025-01-02", "endsOn": "2025-01-01", "endsOnPrecision": "DAY",
                    "parent": "e", "externalKey": "",
                    "participants": [{"actor": "nobody"}, null], "relations": [{"event": "e"}, {"kind": "FOLLOWS", "event": "x"}]},
                   {"ref": "e", "kind": "OTHER", "title": "E2", "status": "HAPPENED", "startsOnPrecision": "DAY"},
                   null
                 ],
                 "statements": [
                   {"speaker": "a", "kind": "PARAPHRASE", "text": "ok"},
                   null,
                   {"text": " ", "saidOn": "2025-01-01", "cue": ""},
                   {"speaker": "nobody", "kind": "PARAPHRASE", "text": "x", "relayedVia": ["r"], "mentions": ["m"], "events": ["nope"]}
                 ]}""");
        var before = TableSnapshot.of(jdbc);

        var problems = ((InvalidDocumentException) catchThrowable(() -> ingest.ingest(doc))).problems();

        assertThat(problems)
                .extracting(p -> p.path() + " " + p.code())
                .containsExactlyInAnyOrder(
                        "url INVALID",
                        "title REQUIRED",
                        "language INVALID",
                        "actors[0].aliases[0] REQUIRED",
                        "actors[0].wikidataId INVALID",
                        "actors[1].ref DUPLICATE_REF",
                        "actors[1].kind REQUIRED",
                        "actors[1].name REQUIRED",
                        "actors[2] REQUIRED",
                        "events[1].ref DUPLICATE_REF",
                        "publisher UNKNOWN_REFERENCE",
                        "authors[0] UNKNOWN_REFERENCE",
                        "contributors[0] REQUIRED",
                        "actors[0].affiliations[0].organization UNKNOWN_REFERENCE",
                        "actors[0].affiliations[0].validTo INVALID",
                        "actors[0].affiliations[1].title REQUIRED",
                        "events[0].kind REQUIRED",
                        "events[0].status REQUIRED",
                        "events[0].externalKey INVALID",
                        "events[0].startsOnPrecision REQUIRED",
                        "events[0].endsOn INVALID",
                        "events[0].parent INVALID",
                        "events[0].participants[0].actor UNKNOWN_REFERENCE",
                        "events[0].participants[0].role REQUIRED",
                        "events[0].participants[1] REQUIRED",
                        "events[0].relations[0].kind REQUIRED",
                        "events[0].relations[0].event INVALID",
                        "events[0].relations[1].event UNKNOWN_REFERENCE",
                        "events[1].startsOn REQUIRED",
                        "events[2] REQUIRED",
                        "statements[1] REQUIRED",
                        "statements[2].speaker REQUIRED",
                        "statements[2].kind REQUIRED",
                        "statements[2].text REQUIRED",
                        "statements[2].cue INVALID",
                        "statements[2].saidOnPrecision REQUIRED",
                        "statements[3].speaker UNKNOWN_REFERENCE",
                        "statements[3].relayedVia[0] UNKNOWN_REFERENCE",
                        "statements[3].mentions[0] UNKNOWN_REFERENCE",
                        "statements[3].events[0] UNKNOWN_REFERENCE");
        assertThat(problems).allMatch(p -> !p.message().isBlank());
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void nameWithoutLetters_isReportedAtItsPath() {
        var doc = reader.read("""
                {"url": "https://example.org/punctuation", "title": "Punctuation",
                 "actors": [{"ref": "p", "kind": "PERSON", "name": "?!", "aliases": ["..."]}],
                 "statements": [{"speaker": "p", "kind": "PARAPHRASE", "text": "Hm."}]}""");
        assertThatThrownBy(() -> ingest.ingest(doc))
                .isInstanceOfSatisfying(
                        InvalidDocumentException.class,
                        e -> assertThat(e.problems())
                                .extracting(IngestProblem::path)
                                .containsExactlyInAnyOrder("actors[0].name", "actors[0].aliases[0]"));
    }

    @Test
    void zelenskyUnderOtherSpellings_isMatchedToTheOneActor() {
        long zelensky = count("select id from actors where name = 'Volodymyr Zelensky'");
        var doc = reader.read("""
                {"url": "https://example.org/zelensky-spellings", "title": "Spellings",
                 "actors": [
                   {"ref": "caps", "kind": "PERSON", "name": "ZELENSKY"},
                   {"ref": "yy", "kind": "PERSON", "name": "Zelenskyy"},
                   {"ref": "accent", "kind": "PERSON", "name": "Volodýmyr  Zelensky."},
                   {"ref": "alias", "kind": "PERSON", "name": "Volodymyr Oleksandrovych Zelensky", "aliases": ["Volodymyr Zelenskyy"]},
                   {"ref": "wd", "kind": "PERSON", "name": "Wolodymyr Selenskyj", "wikidataId": "Q3881438"}
                 ],
                 "statements": [{"speaker": "caps", "kind": "PARAPHRASE", "text": "Something."}]}""");
        var demoWikidata = jdbc.sql("select wikidata_id from actors where id = ?")
                .param(zelensky)
                .query(String.class)
                .optional();

        var result = ingest.ingest(doc);

        var byRef = result.actors().stream()
                .collect(java.util.stream.Collectors.toMap(IngestResult.Resolution::ref, r -> r));
        for (var ref : List.of("caps", "yy", "accent", "alias")) {
            assertThat(byRef.get(ref).id()).as(ref).isEqualTo(zelensky);
            assertThat(byRef.get(ref).match()).isEqualTo(IngestResult.Match.MATCHED);
        }
        if (demoWikidata.isPresent() && "Q3881438".equals(demoWikidata.get())) {
            assertThat(byRef.get("wd").id()).isEqualTo(zelensky);
        }
        // The new spelling is remembered as an alias.
        assertThat(count(
                        "select count(*) from actor_aliases where actor_id = ? and alias_key = newsgraph_name_key('Volodymyr Oleksandrovych Zelensky')",
                        zelensky))
                .isEqualTo(1);
    }

    @Test
    void eightParallelIngestsNamingTheSameNewActors_createEachOnce() throws Exception {
        int threads = 8;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<IngestResult>>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            // Each article lists the shared actors in a different order, to provoke lock-order deadlocks.
            var shared = new ArrayList<>(List.of(
                    "{\"ref\": \"s1\", \"kind\": \"PERSON\", \"name\": \"Shared Person One\", \"wikidataId\": \"Q990000001\"}",
                    "{\"ref\": \"s2\", \"kind\": \"PERSON\", \"name\": \"Shared Person Two\", \"aliases\": [\"S. Two\"]}",
                    "{\"ref\": \"s3\", \"kind\": \"ORGANIZATION\", \"name\": \"Shared Organisation\"}",
                    "{\"ref\": \"s4\", \"kind\": \"COUNTRY\", \"name\": \"Sharedland\"}"));
            java.util.Collections.rotate(shared, n);
            var doc = reader.read("""
                    {"url": "https://example.org/parallel/%d", "title": "Parallel %d",
                     "actors": [%s, {"ref": "own", "kind": "PERSON", "name": "Own Person %d"}],
                     "events": [{"ref": "e", "kind": "TALKS", "title": "Shared talks", "status": "ONGOING",
                                 "participants": [{"actor": "s1", "role": "HOST"}, {"actor": "s3", "role": "ATTENDEE"}]}],
                     "statements": [
                       {"speaker": "s1", "kind": "PARAPHRASE", "text": "A %d", "mentions": ["s4"], "events": ["e"]},
                       {"speaker": "s2", "kind": "PARAPHRASE", "text": "B %d", "relayedVia": ["s3"]}
                     ]}""".formatted(n, n, String.join(",", shared), n, n, n));
            futures.add(pool.submit((Callable<IngestResult>) () -> {
                start.await();
                return ingest.ingest(doc);
            }));
        }
        start.countDown();
        var results = new ArrayList<IngestResult>();
        for (var future : futures) results.add(future.get(60, TimeUnit.SECONDS));
        pool.shutdown();

        assertThat(results).allMatch(r -> r.outcome() == IngestResult.Outcome.CREATED);
        for (var name : List.of("Shared Person One", "Shared Person Two", "Shared Organisation", "Sharedland")) {
            assertThat(count("select count(*) from actors where name = ?", name))
                    .as(name)
                    .isEqualTo(1);
        }
        assertThat(count("select count(*) from events where title = 'Shared talks'"))
                .isEqualTo(1);
        // Exactly one ingest created each shared actor; the others matched it.
        for (var ref : List.of("s1", "s2", "s3", "s4")) {
            assertThat(results.stream()
                            .flatMap(r -> r.actors().stream())
                            .filter(a -> a.ref().equals(ref) && a.match() == IngestResult.Match.CREATED)
                            .count())
                    .as(ref)
                    .isEqualTo(1);
        }
        assertThat(count("""
                select count(*) from event_participants p join events e on e.id = p.event_id where e.title = 'Shared talks'""")).isEqualTo(2);
    }

    @Test
    void changedArticle_keepsTheIdsOfUnchangedStatements_andReplacesTheRest() {
        var original = article(
                "changed",
                String.join(
                        ",",
                        statement("speaker", "Kept one."),
                        statement("other", "Will change."),
                        statement("speaker", "Will go.")));
        var first = ingest.ingest(original);
        var idsBefore = statementIds(first.articleId());

        var changed = article(
                "changed",
                String.join(
                        ",",
                        statement("other", "Brand new first."),
                        statement("speaker", "Kept one."),
                        statement("other", "Changed text.")));
        var second = ingest.ingest(changed);

        assertThat(second.outcome()).isEqualTo(IngestResult.Outcome.UPDATED);
        assertThat(second.articleId()).isEqualTo(first.articleId());
        var idsAfter = statementIds(first.articleId());
        assertThat(idsAfter.get("Kept one.")).isEqualTo(idsBefore.get("Kept one."));
        assertThat(idsAfter).containsOnlyKeys("Brand new first.", "Kept one.", "Changed text.");
        assertThat(jdbc.sql("select text from statements where article_id = ? order by position")
                        .param(first.articleId())
                        .query(String.class)
                        .list())
                .containsExactly("Brand new first.", "Kept one.", "Changed text.");
        // Child rows follow: every statement still has its mention, event and relay.
        assertThat(count("""
                select count(*) from statements s where s.article_id = ?
                  and exists (select 1 from statement_mentions m where m.statement_id = s.id)
                  and exists (select 1 from statement_events e where e.statement_id = s.id)
                  and exists (select 1 from statement_relays r where r.statement_id = s.id)""", first.articleId())).isEqualTo(3);
        // Ingesting the changed version again is a no-op.
        var snapshot = TableSnapshot.of(jdbc);
        assertThat(ingest.ingest(changed).outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(snapshot);
    }

    @Test
    void batch_savesGoodDocuments_andReportsBadOnesAlone() {
        var good1 = article("batch-1", statement("speaker", "One."));
        var bad = reader.read("""
                {"url": "https://example.org/batch-bad", "title": "Bad",
                 "actors": [{"ref": "x", "kind": "PERSON", "name": "Batch Bad Person"}],
                 "statements": [{"speaker": "x", "kind": "PARAPHRASE", "text": "t", "saidOn": "+6000000-01-01", "saidOnPrecision": "DAY"}]}""");
        var invalid = reader.read("""
                {"url": "https://example.org/batch-invalid", "title": "Invalid", "statements": [{"speaker": "nobody"}]}""");
        var good2 = article("batch-2", statement("speaker", "Two."));

        var items = ingest.ingestBatch(List.of(good1, bad, invalid, good2), false);

        assertThat(items).extracting(IngestService.BatchItem::failed).containsExactly(false, true, true, false);
        assertThat(items.get(1).problems()).extracting(IngestProblem::code).containsExactly("INVALID");
        assertThat(items.get(2).problems()).extracting(IngestProblem::path).contains("statements[0].speaker");
        assertThat(count("select count(*) from articles where url like 'https://example.org/batch-%'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from actors where name = 'Batch Bad Person'"))
                .isZero();

        var stopped = ingest.ingestBatch(
                List.of(
                        article("batch-3", statement("speaker", "Three.")),
                        invalid,
                        article("batch-4", statement("speaker", "Four."))),
                true);
        assertThat(stopped).hasSize(2);
        assertThat(
                        count(
                                "select count(*) from articles where url in ('https://example.org/batch-3', 'https://example.org/batch-4')"))
                .isEqualTo(1);
    }

    java.util.Map<String, Long> statementIds(long articleId) {
        var ids = new java.util.HashMap<String, Long>();
        jdbc.sql("select text, id from statements where article_id = ?")
                .param(articleId)
                .query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2)))
                .list();
        return ids;
    }

    static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable callable) {
        return org.assertj.core.api.Assertions.catchThrowable(callable);
    }
}
