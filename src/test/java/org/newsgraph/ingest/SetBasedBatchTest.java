package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.newsgraph.corpus.CorpusGenerator;
import org.newsgraph.corpus.CorpusSpec;
import org.newsgraph.corpus.NdjsonCorpusWriter;
import org.newsgraph.live.ChangeOutbox;
import org.newsgraph.support.LongRunning;
import org.newsgraph.support.TableSnapshot;
import org.newsgraph.support.TestDatabase;
import org.newsgraph.utterance.UtteranceCuration;
import org.newsgraph.utterance.UtteranceLinker;
import org.newsgraph.utterance.UtteranceRelinker;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@link IngestService#ingestBatch} writes the new articles of a batch set-based: these tests compare it, on
 * databases of their own (real PostgreSQL), with ingesting the same documents one at a time.
 */
@Execution(
        value = ExecutionMode.CONCURRENT,
        reason = "each test writes only databases of its own; they run beside each other and the other classes")
@LongRunning
class SetBasedBatchTest {

    private final ArticleDocumentReader reader = new ArticleDocumentReader();
    /** The pools of this test's databases (each test has an instance of its own: the tests run at once). */
    private final List<HikariDataSource> open = new ArrayList<>();

    @AfterEach
    void closePools() {
        open.forEach(HikariDataSource::close);
        open.clear();
    }

    Database newDatabase() {
        return Database.create(open);
    }

    /** A freshly migrated database and an IngestService writing to it. */
    record Database(JdbcClient jdbc, IngestService ingest, UtteranceRelinker utterances) {

        static Database create(List<HikariDataSource> open) {
            var test = TestDatabase.get();
            var url = test.createMigratedDatabase("batch");
            var dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(test.user());
            dataSource.setPassword(test.password());
            dataSource.setMaximumPoolSize(2);
            dataSource.setMinimumIdle(0);
            open.add(dataSource);
            var jdbc = JdbcClient.create(dataSource);
            var transactions = new DataSourceTransactionManager(dataSource);
            return new Database(
                    jdbc,
                    new IngestService(jdbc, new JdbcTemplate(dataSource), transactions, new ChangeOutbox(jdbc, true)),
                    new UtteranceRelinker(jdbc, new UtteranceLinker(jdbc), new UtteranceCuration(jdbc), transactions));
        }

        /** Every row of every table, without the created_at/updated_at times (one-by-one ingests commit at other times) and the change log (its times and grouping differ by design). */
        Map<String, List<String>> rows() {
            var tables = jdbc.sql("""
                    select table_name from information_schema.tables
                    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                      and table_name <> 'change_log'
                    order by 1""").query(String.class).list();
            var rows = new LinkedHashMap<String, List<String>>();
            for (var table : tables) {
                rows.put(
                        table,
                        jdbc.sql("select (to_jsonb(t) - 'created_at' - 'updated_at')::text from " + table
                                        + " t order by 1")
                                .query(String.class)
                                .list());
            }
            return rows;
        }

        List<IngestResult> oneByOne(List<ArticleDocument> documents) {
            return documents.stream().map(ingest::ingest).toList();
        }

        List<IngestService.BatchItem> inBatches(List<ArticleDocument> documents, int size) {
            var items = new ArrayList<IngestService.BatchItem>();
            for (int from = 0; from < documents.size(); from += size) {
                items.addAll(
                        ingest.ingestBatch(documents.subList(from, Math.min(documents.size(), from + size)), false));
            }
            return items;
        }
    }

    List<ArticleDocument> corpus(long seed, double scale) throws Exception {
        var text = new StringWriter();
        try (var out = new BufferedWriter(text)) {
            new NdjsonCorpusWriter().write(new CorpusGenerator(CorpusSpec.of(seed, scale)), out);
        }
        return Arrays.stream(text.toString().split("\n")).map(reader::read).toList();
    }

    /** The same article with another title and without its first statement (the rest keep their IDs). */
    static ArticleDocument changed(ArticleDocument d) {
        return new ArticleDocument(
                d.url(),
                d.title() + " (corrected)",
                d.publisher(),
                d.publishedAt(),
                d.publishedAtPrecision(),
                d.language(),
                d.summary(),
                d.body(),
                d.authors(),
                d.contributors(),
                d.actors(),
                d.events(),
                d.statements()
                        .subList(
                                Math.min(1, d.statements().size()),
                                d.statements().size()));
    }

    static void assertSameRows(Database batched, Database oneByOne) {
        // Utterance linking runs once per batch on what the batch wrote, one by one after every article: where a
        // later article of the batch replaced statements of an earlier one, the two may group reports
        // differently. Re-linking gives the one grouping that depends only on the stored statements.
        batched.utterances().relinkAll();
        oneByOne.utterances().relinkAll();
        assertSortKeysCopied(batched);
        assertSortKeysCopied(oneByOne);
        var expected = oneByOne.rows();
        var actual = batched.rows();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (var table : expected.keySet()) {
            assertThat(actual.get(table)).as(table).containsExactlyElementsOf(expected.get(table));
        }
    }

    /** V53's copy of each statement's sort key in statement_events, filled by a trigger, matches the statement. */
    static void assertSortKeysCopied(Database database) {
        assertThat(database.jdbc
                        .sql("select count(*) from statement_events")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(database.jdbc.sql("""
                select count(*) from statement_events se join statements s on s.id = se.statement_id
                where se.said_on_key <> coalesce(s.said_on, '-infinity'::date)""").query(Long.class).single())
                .as("links whose sort key differs from their statement's")
                .isZero();
    }

    @Test
    void generatedCorpus_inBatches_writesExactlyWhatOneByOneWrites() throws Exception {
        var documents = corpus(5, 0.004);
        var batched = newDatabase();
        var oneByOne = newDatabase();

        var items = batched.inBatches(documents, 37);
        var results = oneByOne.oneByOne(documents);

        assertThat(batched.ingest.setBasedArticles()).isEqualTo(documents.size());
        assertThat(items).noneMatch(IngestService.BatchItem::failed);
        assertThat(items.stream().map(IngestService.BatchItem::result).toList()).isEqualTo(results);
        assertThat(batched.jdbc
                        .sql("select count(*) from statements")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertSameRows(batched, oneByOne);
    }

    @Test
    void newsReportDetails_inBatches_writesExactlyWhatOneByOneWrites() throws Exception {
        // The demo article says everything V110 models: co-speakers, addressees, hedges, translation, nesting,
        // statement relations, stances, status history, a date-only publication.
        String demo =
                java.nio.file.Files.readString(java.nio.file.Path.of("db/demo/ukraine-peace-talks-2025-04-22.json"));
        var documents = new ArrayList<ArticleDocument>();
        for (int i = 0; i < 4; i++)
            documents.add(reader.read(demo.replace("rubio-london-ukraine-talks", "rubio-london-ukraine-talks-" + i)));
        var seed = List.of(documents.get(0));
        var batch = List.of(changed(documents.get(0)), documents.get(1), documents.get(2), documents.get(3));
        var batched = newDatabase();
        var oneByOne = newDatabase();
        batched.oneByOne(seed);
        oneByOne.oneByOne(seed);

        var items = batched.inBatches(batch, 10);
        oneByOne.oneByOne(batch);

        assertThat(batched.ingest.setBasedArticles()).isEqualTo(3);
        assertThat(items).noneMatch(IngestService.BatchItem::failed);
        for (var table : List.of("statement_speakers", "statement_relations", "event_status_changes")) {
            assertThat(batched.jdbc
                            .sql("select count(*) from " + table)
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isPositive();
        }
        assertThat(batched.jdbc.sql("""
                select count(*) from statements where addressee_id is not null and hedge is null and within_id is null
                  and translated""").query(Long.class).single()).isZero();
        assertThat(batched.jdbc
                        .sql("select count(*) from statements where within_id is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertSameRows(batched, oneByOne);
    }

    @Test
    void batchMixingNewUnchangedChangedAndRepeatedArticles_writesWhatOneByOneWrites() throws Exception {
        var documents = corpus(6, 0.004);
        var seed = documents.subList(0, 60);
        var batch = new ArrayList<ArticleDocument>();
        for (int i = 0; i < 60; i++) batch.add(i % 3 == 0 ? changed(seed.get(i)) : seed.get(i));
        batch.addAll(documents.subList(60, documents.size()));
        Collections.shuffle(batch, new Random(42));
        // A URL twice in one batch: new, then changed.
        batch.add(batch.size() / 2, changed(documents.get(70)));
        batch.add(changed(documents.get(80)));

        var batched = newDatabase();
        var oneByOne = newDatabase();
        batched.oneByOne(seed);
        oneByOne.oneByOne(seed);

        var items = batched.inBatches(batch, 50);
        var results = oneByOne.oneByOne(batch);

        assertThat(batched.ingest.setBasedArticles()).isEqualTo(documents.size() - 60);
        assertThat(items).noneMatch(IngestService.BatchItem::failed);
        assertThat(items.stream().map(item -> item.result().outcome()).toList())
                .isEqualTo(results.stream().map(IngestResult::outcome).toList())
                .contains(IngestResult.Outcome.CREATED, IngestResult.Outcome.UPDATED, IngestResult.Outcome.UNCHANGED);
        assertSameRows(batched, oneByOne);
    }

    /**
     * Small random documents over a few colliding names, aliases, Wikidata IDs, event titles, dates and
     * external keys, so that articles of one batch keep matching, completing and re-keying what the
     * articles before them wrote.
     */
    static String randomDocument(Random random, int urls) {
        String[] names = {
            "Ana Pérez",
            "ana perez",
            "A. Pérez",
            "Ana Perez-Lopez",
            "Boris Ivanov",
            "B. Ivanov",
            "Ministry of Tests",
            "ministry of tests!",
            "Carla Díaz",
            "C Diaz",
            "Outlet One",
            "outlet one"
        };
        String[] titles = {"Summit", "summit!", "Talks", "Peace Talks"};
        var actors = new ArrayList<String>();
        int actorCount = 1 + random.nextInt(5);
        for (int i = 0; i < actorCount; i++) {
            boolean unnamed = random.nextInt(10) == 0;
            var actor = new StringBuilder("{\"ref\": \"r%d\", \"kind\": \"%s\", \"name\": \"%s\""
                    .formatted(
                            i,
                            unnamed ? "UNNAMED_SOURCE" : random.nextBoolean() ? "PERSON" : "ORGANIZATION",
                            unnamed ? "an official" : pick(random, names)));
            if (!unnamed && random.nextInt(3) == 0) {
                actor.append(", \"aliases\": [\"%s\"]".formatted(pick(random, names)));
            }
            if (!unnamed && random.nextInt(4) == 0)
                actor.append(", \"wikidataId\": \"Q%d\"".formatted(11 + random.nextInt(3)));
            if (random.nextInt(4) == 0) actor.append(", \"description\": \"d%d\"".formatted(random.nextInt(3)));
            if (actorCount > 1 && random.nextInt(5) == 0) {
                actor.append(", \"affiliations\": [{\"organization\": \"r%d\", \"title\": \"%s\"%s}]"
                        .formatted(
                                (i + 1) % actorCount,
                                random.nextBoolean() ? "Minister" : "Envoy",
                                random.nextBoolean()
                                        ? ""
                                        : ", \"validTo\": \"202%d-01-01\"".formatted(random.nextInt(3))));
            }
            actors.add(actor.append('}').toString());
        }
        var events = new ArrayList<String>();
        int eventCount = random.nextInt(4);
        for (int j = 0; j < eventCount; j++) {
            var event =
                    new StringBuilder("{\"ref\": \"e%d\", \"kind\": \"MEETING\", \"title\": \"%s\", \"status\": \"%s\""
                            .formatted(j, pick(random, titles), random.nextBoolean() ? "HAPPENED" : "SCHEDULED"));
            int start = random.nextInt(3);
            if (start > 0)
                event.append(", \"startsOn\": \"2025-0%d-01\", \"startsOnPrecision\": \"DAY\"".formatted(start));
            if (random.nextInt(5) < 2) event.append(", \"externalKey\": \"k%d\"".formatted(random.nextInt(3)));
            if (random.nextInt(3) == 0) event.append(", \"location\": \"l%d\"".formatted(random.nextInt(2)));
            if (eventCount > 1 && random.nextInt(4) == 0)
                event.append(", \"parent\": \"e%d\"".formatted((j + 1) % eventCount));
            if (eventCount > 1 && random.nextInt(4) == 0) {
                event.append(", \"relations\": [{\"kind\": \"FOLLOWS\", \"event\": \"e%d\"}]"
                        .formatted((j + 1) % eventCount));
            }
            var participants = new ArrayList<String>();
            for (int p = random.nextInt(3); p > 0; p--) {
                participants.add("{\"actor\": \"r%d\", \"role\": \"%s\"%s%s}"
                        .formatted(
                                random.nextInt(actorCount),
                                random.nextBoolean() ? "HOST" : "ATTENDEE",
                                random.nextInt(4) == 0
                                        ? ", \"represents\": \"r%d\"".formatted(random.nextInt(actorCount))
                                        : "",
                                random.nextInt(4) == 0 ? ", \"note\": \"n%d\"".formatted(random.nextInt(2)) : ""));
            }
            event.append(", \"participants\": [")
                    .append(String.join(", ", participants))
                    .append("]}");
            events.add(event.toString());
        }
        var statements = new ArrayList<String>();
        for (int s = 1 + random.nextInt(3); s > 0; s--) {
            statements.add("{\"speaker\": \"r%d\", \"kind\": \"PARAPHRASE\", \"text\": \"t%d\"%s%s%s}"
                    .formatted(
                            random.nextInt(actorCount),
                            random.nextInt(3),
                            random.nextInt(3) == 0
                                    ? ", \"mentions\": [\"r%d\", \"r%d\"]"
                                            .formatted(random.nextInt(actorCount), random.nextInt(actorCount))
                                    : "",
                            random.nextInt(4) == 0
                                    ? ", \"relayedVia\": [\"r%d\"]".formatted(random.nextInt(actorCount))
                                    : "",
                            eventCount > 0 && random.nextBoolean()
                                    ? ", \"events\": [\"e%d\"]".formatted(random.nextInt(eventCount))
                                    : ""));
        }
        return """
                {"url": "https://random.example/%d", "title": "T%d", %s"authors": ["r%d", "r%d"],
                 "actors": [%s], "events": [%s], "statements": [%s]}""".formatted(
                        random.nextInt(urls),
                        random.nextInt(2),
                        random.nextBoolean() ? "\"publisher\": \"r%d\", ".formatted(random.nextInt(actorCount)) : "",
                        random.nextInt(actorCount),
                        random.nextInt(actorCount),
                        String.join(", ", actors),
                        String.join(", ", events),
                        String.join(", ", statements));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void randomCollidingDocuments_inBatches_writeExactlyWhatOneByOneWrites() {
        long setBased = 0;
        for (long seed = 1; seed <= 6; seed++) {
            var random = new Random(seed);
            var documents = new ArrayList<ArticleDocument>();
            for (int i = 0; i < 80; i++) documents.add(reader.read(randomDocument(random, 60)));
            // Only documents that one-by-one ingests accept (a rejected one rolls back a whole batch attempt,
            // which uses up identity values, so the IDs would no longer be comparable).
            var scratch = newDatabase();
            var accepted = new ArrayList<ArticleDocument>();
            for (var document : documents) {
                try {
                    scratch.ingest.ingest(document);
                    accepted.add(document);
                } catch (InvalidDocumentException | org.springframework.dao.DataAccessException rejected) {
                    // left out
                }
            }
            var batched = newDatabase();
            var oneByOne = newDatabase();

            var items = batched.inBatches(accepted, 20);
            var results = oneByOne.oneByOne(accepted);

            assertThat(items).as("seed " + seed).noneMatch(IngestService.BatchItem::failed);
            assertThat(items.stream().map(item -> item.result().outcome()).toList())
                    .as("seed " + seed)
                    .isEqualTo(results.stream().map(IngestResult::outcome).toList());
            assertSameRows(batched, oneByOne);
            setBased += batched.ingest.setBasedArticles();
        }
        assertThat(setBased).isPositive();
    }

    @Test
    void newActorsSharedByArticlesOfOneBatch_becomeOneActor_andAliasesAddedByOneArticleMatchTheNext() {
        // language=JSON
        var first = """
                {"url": "https://batch.example/shared-1", "title": "One",
                 "actors": [{"ref": "a", "kind": "PERSON", "name": "Batchy McShared", "aliases": ["B. McShared"]}],
                 "statements": [{"speaker": "a", "kind": "PARAPHRASE", "text": "First."}]}""";
        var second = """
                {"url": "https://batch.example/shared-2", "title": "Two",
                 "actors": [{"ref": "x", "kind": "PERSON", "name": "batchy mcshared", "wikidataId": "Q4242424242"}],
                 "statements": [{"speaker": "x", "kind": "PARAPHRASE", "text": "Second."}]}""";
        var third = """
                {"url": "https://batch.example/shared-3", "title": "Three",
                 "actors": [{"ref": "y", "kind": "PERSON", "name": "B McShared"}],
                 "statements": [{"speaker": "y", "kind": "PARAPHRASE", "text": "Third."}]}""";
        var database = newDatabase();
        var items = database.ingest.ingestBatch(
                List.of(reader.read(first), reader.read(second), reader.read(third)), false);

        assertThat(database.ingest.setBasedArticles()).isEqualTo(3);
        var ids = items.stream()
                .map(item -> item.result().actors().get(0).id())
                .distinct()
                .toList();
        assertThat(ids).hasSize(1);
        assertThat(items.stream()
                        .map(item -> item.result().actors().get(0).match())
                        .toList())
                .containsExactly(IngestResult.Match.CREATED, IngestResult.Match.MATCHED, IngestResult.Match.MATCHED);
        assertThat(database.jdbc
                        .sql("select count(*) from actors")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(database.jdbc
                        .sql("select wikidata_id from actors")
                        .query(String.class)
                        .single())
                .isEqualTo("Q4242424242");
        assertThat(database.jdbc
                        .sql("select count(*) from statements where speaker_id = ?")
                        .param(ids.get(0))
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void articleTheDatabaseRejects_failsAlone_theOthersOfItsBatchLand() throws Exception {
        var documents = new ArrayList<>(corpus(8, 0.001));
        var good = documents.get(3);
        // A statement that validation accepts but this database refuses: a CHECK constraint of the test's
        // own (dates out of PostgreSQL's range, the earlier example, are refused by validation now).
        var statement = good.statements().get(0);
        var bad = new ArticleDocument(
                "https://batch.example/rejected",
                good.title(),
                good.publisher(),
                good.publishedAt(),
                good.publishedAtPrecision(),
                good.language(),
                good.summary(),
                good.body(),
                good.authors(),
                good.contributors(),
                good.actors(),
                good.events(),
                List.of(new ArticleDocument.Statement(
                        statement.speaker(),
                        statement.kind(),
                        "Refused by the database",
                        statement.cue(),
                        statement.channel(),
                        statement.saidOn(),
                        statement.saidOnPrecision(),
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));
        assertThat(DocumentValidator.validate(bad)).isEmpty();
        documents.add(documents.size() / 2, bad);
        var database = newDatabase();
        database.jdbc
                .sql("alter table statements add constraint refuses_one_text check (text <> 'Refused by the database')")
                .update();

        var items = database.ingest.ingestBatch(documents, false);

        assertThat(items).hasSize(documents.size());
        var failed = items.stream().filter(IngestService.BatchItem::failed).toList();
        assertThat(failed).hasSize(1);
        assertThat(items.get(documents.indexOf(bad)).failed()).isTrue();
        assertThat(failed.get(0).problems()).extracting(IngestProblem::code).containsExactly("REJECTED_BY_DATABASE");
        assertThat(database.jdbc
                        .sql("select count(*) from articles")
                        .query(Long.class)
                        .single())
                .isEqualTo(documents.size() - 1);
        assertThat(database.jdbc
                        .sql("select count(*) from articles where url = ?")
                        .param(bad.url())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void batchImportedAgain_writesNothing() throws Exception {
        var documents = corpus(9, 0.002);
        var database = newDatabase();
        database.inBatches(documents, 25);
        var before = TableSnapshot.of(database.jdbc);

        var again = database.inBatches(documents, 25);

        assertThat(again).allMatch(item -> item.result().outcome() == IngestResult.Outcome.UNCHANGED);
        assertThat(TableSnapshot.of(database.jdbc)).isEqualTo(before);
    }
}
