package org.newsgraph.ingest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.corpus.CorpusGenerator;
import org.newsgraph.corpus.CorpusSpec;
import org.newsgraph.corpus.NdjsonCorpusWriter;
import org.newsgraph.support.TestDatabase;

import tools.jackson.core.JacksonException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ArticleImporter} reads, parses, validates and hashes in a reader thread while the calling thread writes:
 * these tests compare it, on databases of their own, with reading and writing in one thread (the importer as it
 * was before), and check that --fail-fast stops the reader and that reader failures end the import.
 */
@Timeout(120)
class PipelinedImportTest {

    @TempDir
    Path dir;

    private final ArticleDocumentReader reader = new ArticleDocumentReader();
    private final List<HikariDataSource> open = new ArrayList<>();

    @AfterEach
    void closePools() {
        open.forEach(HikariDataSource::close);
        open.clear();
    }

    record Database(JdbcClient jdbc, IngestService ingest) {
        /** Every row of every table, without the created_at/updated_at times. */
        Map<String, List<String>> rows() {
            var tables = jdbc.sql("""
                    select table_name from information_schema.tables
                    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                    order by 1""").query(String.class).list();
            var rows = new LinkedHashMap<String, List<String>>();
            for (var table : tables) {
                rows.put(table, jdbc.sql("select (to_jsonb(t) - 'created_at' - 'updated_at')::text from " + table
                        + " t order by 1").query(String.class).list());
            }
            return rows;
        }

        long count(String sql) {
            return jdbc.sql(sql).query(Long.class).single();
        }
    }

    Database database() {
        var test = TestDatabase.get();
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(test.createDatabase("pipeline"));
        dataSource.setUsername(test.user());
        dataSource.setPassword(test.password());
        dataSource.setMaximumPoolSize(4);
        dataSource.setMinimumIdle(0);
        open.add(dataSource);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        var jdbc = JdbcClient.create(dataSource);
        return new Database(jdbc, new IngestService(jdbc, new JdbcTemplate(dataSource),
                new DataSourceTransactionManager(dataSource)));
    }

    /** Everything an import tells: each failure line, the counts at each progress call, the final counts. */
    record Observed(List<String> failures, List<String> progress, String summary) {
    }

    static final class Recorder implements ArticleImporter.Listener {
        final List<String> failures = new ArrayList<>();
        final List<String> progress = new ArrayList<>();
        final ArticleImporter.Listener lines = ArticleImporter.reportingTo(failures::add);

        @Override
        public void progress(ImportReport report, long bytesDone, long bytesTotal) {
            progress.add(counts(report));
        }

        @Override
        public void failed(String location, List<IngestProblem> problems) {
            lines.failed(location, problems);
        }

        Observed observed(ImportReport report) {
            return new Observed(failures, progress, counts(report));
        }
    }

    /** The report without its time. */
    static String counts(ImportReport report) {
        return report.summary().replaceAll(" in [0-9.]+ s = .*", "");
    }

    /**
     * The importer as it was before the reader thread: one thread reads a line, parses it and adds it to the
     * batch; a full batch, or a malformed line, makes it write the batch (validation and hashing inside
     * {@link IngestService#ingestBatch}) before it goes on.
     */
    static Observed importInOneThread(IngestService ingest, Path file, boolean failFast, int batchSize) throws IOException {
        var recorder = new Recorder();
        var counts = new ImportReport.Counter();
        var pending = new ArrayList<ArticleDocument>();
        var pendingLocations = new ArrayList<String>();
        var documentReader = new ArticleDocumentReader();
        boolean[] stopped = {false};
        Runnable flush = () -> {
            if (pending.isEmpty()) return;
            var items = ingest.ingestBatch(List.copyOf(pending), failFast);
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).failed()) {
                    counts.failed++;
                    recorder.failed(pendingLocations.get(i), items.get(i).problems());
                    if (failFast) stopped[0] = true;
                } else {
                    counts.add(items.get(i).result());
                }
            }
            recorder.progress(counts.report(0), 0, 0);
            pending.clear();
            pendingLocations.clear();
        };
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; !stopped[0] && (line = lines.readLine()) != null; ) {
                number++;
                if (line.isBlank()) continue;
                try {
                    pending.add(documentReader.read(line));
                    pendingLocations.add(file + ":" + number);
                } catch (JacksonException e) {
                    flush.run();
                    if (stopped[0]) break;
                    counts.failed++;
                    recorder.failed(file + ":" + number, List.of(new IngestProblem(ArticleImporter.jsonPath(e), "MALFORMED",
                            e.getOriginalMessage())));
                    if (failFast) stopped[0] = true;
                    continue;
                }
                if (pending.size() >= batchSize) flush.run();
            }
        }
        if (!stopped[0]) flush.run();
        return recorder.observed(counts.report(0));
    }

    static Observed importPipelined(IngestService ingest, Path file, ArticleImporter.Options options) throws IOException {
        var recorder = new Recorder();
        var report = new ArticleImporter(ingest, new ArticleDocumentReader()).importFiles(List.of(file), options, recorder);
        return recorder.observed(report);
    }

    /**
     * A generated corpus and random documents over colliding names (new, changed and repeated articles that keep
     * matching what the ones before them wrote), with bad lines between them: malformed, unknown field, invalid,
     * rejected by the database, blank, and a truncated last line.
     */
    Path fileWithBadLines() throws Exception {
        var text = new StringWriter();
        try (var out = new BufferedWriter(text)) {
            new NdjsonCorpusWriter().write(new CorpusGenerator(CorpusSpec.of(11, 0.002)), out);
        }
        var lines = new ArrayList<>(List.of(text.toString().split("\n")));
        var random = new Random(7);
        for (int i = 0; i < 60; i++) {
            lines.add(random.nextInt(lines.size() + 1), SetBasedBatchTest.randomDocument(random, 40));
        }
        var good = lines.get(5);
        lines.add(3, good.replaceFirst("\"title\": ?\"", "\"title\": \"Corrected "));
        lines.add(9, "{\"url\": \"https://pipeline.example/broken\", ");
        lines.add(10, "");
        lines.add(20, "{\"url\": \"https://pipeline.example/unknown\", \"title\": \"T\", \"colour\": \"red\"}");
        lines.add(33, "{\"url\": \"https://pipeline.example/invalid\", \"title\": \"Invalid\", "
                + "\"statements\": [{\"speaker\": \"ghost\", \"kind\": \"PARAPHRASE\", \"text\": \"x\"}]}");
        lines.add(47, ImportCommandTest.line("rejected", 2).replace("\"text\": \"Line rejected statement 1\"",
                "\"text\": \"Line rejected statement 1\", \"saidOn\": \"+9999999-01-01\", \"saidOnPrecision\": \"DAY\""));
        lines.add(70, "not json at all");
        lines.add(lines.get(30).substring(0, lines.get(30).length() / 2));
        var file = dir.resolve("mixed.ndjson");
        Files.writeString(file, String.join("\n", lines)); // the last line has no newline: truncated
        return file;
    }

    @Test
    void fileWithBadLines_reportsAndWritesExactlyWhatReadingAndWritingInOneThreadDid() throws Exception {
        var file = fileWithBadLines();
        var inOneThread = database();
        var pipelined = database();

        var expected = importInOneThread(inOneThread.ingest(), file, false, 7);
        var actual = importPipelined(pipelined.ingest(), file, new ArticleImporter.Options(false, 7));

        assertThat(expected.failures()).hasSizeGreaterThanOrEqualTo(7)
                .anyMatch(line -> line.contains("REJECTED_BY_DATABASE"))
                .anyMatch(line -> line.contains("UNKNOWN_REFERENCE"))
                .anyMatch(line -> line.contains("colour"));
        assertThat(actual.failures()).containsExactlyElementsOf(expected.failures());
        assertThat(actual.progress()).containsExactlyElementsOf(expected.progress());
        assertThat(actual.summary()).isEqualTo(expected.summary()).doesNotContain(" 0 updated");
        assertThat(inOneThread.count("select count(*) from articles")).isGreaterThan(50);
        assertThat(pipelined.rows()).isEqualTo(inOneThread.rows());

        // Again: the same (the URL that is in the file twice, changed, is updated twice again; the rest is unchanged).
        var expectedAgain = importInOneThread(inOneThread.ingest(), file, false, 7);
        var again = importPipelined(pipelined.ingest(), file, new ArticleImporter.Options(false, 7));
        assertThat(expectedAgain.summary()).contains("0 created, 2 updated");
        assertThat(again).isEqualTo(expectedAgain);
        assertThat(pipelined.rows()).isEqualTo(inOneThread.rows());
    }

    @Test
    void failFast_stopsWhereReadingAndWritingInOneThreadStopped() throws Exception {
        var file = fileWithBadLines();
        var inOneThread = database();
        var pipelined = database();

        var expected = importInOneThread(inOneThread.ingest(), file, true, 4);
        var actual = importPipelined(pipelined.ingest(), file, new ArticleImporter.Options(true, 4));

        assertThat(expected.failures()).hasSize(1);
        assertThat(actual).isEqualTo(expected);
        assertThat(pipelined.rows()).isEqualTo(inOneThread.rows());
    }

    /** Sources that count how many were taken, and can throw at one of them. */
    static Iterable<ArticleImporter.Source> sources(int count, AtomicInteger taken, int throwAt) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return taken.get() < count;
            }

            @Override
            public ArticleImporter.Source next() {
                int n = taken.incrementAndGet();
                if (n == throwAt) throw new IllegalStateException("source " + n + " cannot be read");
                var json = n == 3 ? "{\"url\": \"https://pipeline.example/ff-bad\", \"title\": \"\"}"
                        : ImportCommandTest.line("src-" + n, 1);
                return new ArticleImporter.Source("source-" + n, json);
            }
        };
    }

    @Test
    void failFast_stopsTheReaderPromptly() {
        var database = database();
        var taken = new AtomicInteger();
        var recorder = new Recorder();

        var report = new ArticleImporter(database.ingest(), reader)
                .importSources(sources(5_000, taken, -1), new ArticleImporter.Options(true, 1), recorder);

        assertThat(recorder.failures).isNotEmpty().allMatch(line -> line.startsWith("source-3: "))
                .anyMatch(line -> line.startsWith("source-3: title: "));
        assertThat(report.articlesCreated()).isEqualTo(2);
        assertThat(database.count("select count(*) from articles")).isEqualTo(2);
        // The reader is at most a few batches ahead when the writer stops it.
        assertThat(taken.get()).isLessThan(3 + 2 * (ArticleImporter.BATCHES_AHEAD + 2));
    }

    @Test
    void readerException_endsTheImportWithIt_afterTheBatchesBeforeItAreWritten() {
        var database = database();
        var taken = new AtomicInteger();

        assertThatThrownBy(() -> new ArticleImporter(database.ingest(), reader)
                .importSources(sources(1_000, taken, 12), new ArticleImporter.Options(false, 5), new Recorder()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("source 12 cannot be read");

        // Sources 1-10 in two batches (source 3 invalid); 11 was in the batch that was being read.
        assertThat(database.count("select count(*) from articles")).isEqualTo(9);
        assertThat(taken.get()).isEqualTo(12);
        assertThat(readerThreads()).isZero();
    }

    @Test
    void unreadableFile_endsTheImportWithItsIOException() throws Exception {
        var database = database();
        var good = dir.resolve("good.ndjson");
        Files.write(good, List.of(ImportCommandTest.line("io-1", 1), ImportCommandTest.line("io-2", 1)));
        var unreadable = Files.createDirectories(dir.resolve("unreadable.ndjson")); // opens, but reading fails

        assertThatThrownBy(() -> new ArticleImporter(database.ingest(), reader)
                .importFiles(List.of(good, unreadable), new ArticleImporter.Options(false, 1), new Recorder()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("directory");

        assertThat(database.count("select count(*) from articles where url like 'https://import.example/io-%'")).isEqualTo(2);
        assertThat(readerThreads()).isZero();
    }

    @Test
    void writerException_stopsTheReader_andIsThrown() {
        var database = database();
        var taken = new AtomicInteger();
        var failing = new ArticleImporter.Listener() {
            @Override
            public void progress(ImportReport report, long bytesDone, long bytesTotal) {
                if (report.articles() >= 4) throw new IllegalStateException("listener failed");
            }

            @Override
            public void failed(String location, List<IngestProblem> problems) {
            }
        };

        assertThatThrownBy(() -> new ArticleImporter(database.ingest(), reader)
                .importSources(sources(5_000, taken, -1), new ArticleImporter.Options(false, 2), failing))
                .hasMessage("listener failed");

        assertThat(taken.get()).isLessThan(4 + 2 * (ArticleImporter.BATCHES_AHEAD + 2));
        assertThat(readerThreads()).isZero();
    }

    static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("import-reader")).count();
    }
}
