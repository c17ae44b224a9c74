package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code import} command: NDJSON in, bad lines reported by line number and skipped, re-import a no-op. */
@ResourceLock(Resources.SYSTEM_OUT) // replaces System.out
@ResourceLock(Resources.SYSTEM_ERR) // replaces System.err
@IsolatedIntegrationTest
class ImportCommandTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportCommand command;

    @TempDir
    Path dir;

    static String line(String tag, int statements) {
        var items = new StringBuilder();
        for (int i = 0; i < statements; i++) {
            if (i > 0) items.append(',');
            items.append(
                    "{\"speaker\": \"s\", \"kind\": \"PARAPHRASE\", \"text\": \"Line %s statement %d\", \"mentions\": [\"c\"]}"
                            .formatted(tag, i));
        }
        return """
                {"url": "https://import.example/%1$s", "title": "Import %1$s", "publisher": "o",
                 "actors": [{"ref": "o", "kind": "MEDIA_OUTLET", "name": "Import Outlet"},
                            {"ref": "s", "kind": "PERSON", "name": "Import Speaker %1$s", "aliases": ["Shared Import Alias"]},
                            {"ref": "c", "kind": "COUNTRY", "name": "Importland"}],
                 "statements": [%2$s]}""".formatted(tag, items).replace("\n", " ");
    }

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var oldOut = System.out;
        var oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = command.run(List.of(args));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void badLines_areReportedWithTheirLineNumber_andSkipped_theGoodOnesLand() throws Exception {
        var file = dir.resolve("mixed.ndjson");
        Files.write(
                file,
                List.of(
                        line("good-1", 3),
                        "{\"url\": \"https://import.example/broken\", ",
                        "",
                        line("good-2", 2),
                        "{\"url\": \"https://import.example/invalid\", \"title\": \"Invalid\", \"statements\": [{\"speaker\": \"ghost\", \"kind\": \"PARAPHRASE\", \"text\": \"x\"}]}",
                        "{\"url\": \"https://import.example/unknown-field\", \"title\": \"T\", \"colour\": \"red\"}",
                        line("good-3", 1)));

        var run = run(file.toString(), "--batch-size", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":2: ").contains("MALFORMED");
        assertThat(run.err()).contains(file + ":5: statements[0].speaker: UNKNOWN_REFERENCE");
        assertThat(run.err()).contains(file + ":6: ").contains("colour");
        assertThat(run.err()).doesNotContain(":1:", ":3:", ":4:", ":7:");
        assertThat(run.out()).contains("Articles: 3 created, 0 updated, 0 unchanged, 3 failed");
        assertThat(run.out()).contains("Statements: 6 in");
        assertThat(count("select count(*) from articles where url like 'https://import.example/good-%'"))
                .isEqualTo(3);
        assertThat(count("select count(*) from actors where name = 'Import Outlet'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from articles where url like 'https://import.example/invalid'"))
                .isZero();
    }

    @Test
    void failFast_stopsAtTheFirstBadLine_keepingTheLinesBeforeIt() throws Exception {
        var file = dir.resolve("failfast.ndjson");
        Files.write(file, List.of(line("ff-1", 1), line("ff-2", 1), "not json", line("ff-3", 1)));

        var run = run("--fail-fast", file.toString(), "--batch-size=10");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":3: ").contains("--fail-fast");
        assertThat(count("select count(*) from articles where url like 'https://import.example/ff-%'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from articles where url = 'https://import.example/ff-3'"))
                .isZero();

        var invalid = dir.resolve("failfast-invalid.ndjson");
        Files.write(
                invalid,
                List.of(
                        line("ffi-1", 1),
                        "{\"url\": \"https://import.example/ffi-bad\", \"title\": \"\"}",
                        line("ffi-2", 1)));
        assertThat(run("--fail-fast", invalid.toString()).exitCode()).isEqualTo(1);
        assertThat(count("select count(*) from articles where url like 'https://import.example/ffi-%'"))
                .isEqualTo(1);
    }

    @Test
    void reimportingTheSameFiles_changesNothing() throws Exception {
        var sub = Files.createDirectories(dir.resolve("corpus"));
        Files.write(sub.resolve("a.ndjson"), List.of(line("re-1", 4), line("re-2", 4)));
        Files.write(sub.resolve("b.jsonl"), List.of(line("re-3", 2)));
        Files.writeString(sub.resolve("c.json"), line("re-4", 1));

        // In parallel, one article per transaction: the shared outlet and country are still created once.
        var first = run(sub.toString(), "--threads", "3", "--batch-size", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Articles: 4 created");
        assertThat(count("select count(*) from actors where name = 'Import Outlet'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from actors where name = 'Importland'"))
                .isEqualTo(1);
        var snapshot = TableSnapshot.of(jdbc);

        var second = run(sub.toString());

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("Articles: 0 created, 0 updated, 4 unchanged, 0 failed");
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(snapshot);
    }

    @Test
    void articleTheDatabaseRejects_isReportedByLine_theOthersOfItsBatchLand() throws Exception {
        var file = dir.resolve("rejected.ndjson");
        // A statement date that Java reads but PostgreSQL's date type cannot hold: refused by validation
        // (years 1 to 9999), before the database sees it.
        var rejected = line("db-2", 2)
                .replace(
                        "\"text\": \"Line db-2 statement 1\"",
                        "\"text\": \"Line db-2 statement 1\", \"saidOn\": \"+9999999-01-01\", \"saidOnPrecision\": \"DAY\"");
        assertThat(rejected).contains("+9999999");
        Files.write(file, List.of(line("db-1", 3), rejected, line("db-3", 2)));

        var run = run(file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains(file + ":2: statements[1].saidOn: INVALID")
                .doesNotContain(":1:", ":3:");
        assertThat(run.out()).contains("Articles: 2 created, 0 updated, 0 unchanged, 1 failed");
        assertThat(
                        count(
                                "select count(*) from articles where url in ('https://import.example/db-1', 'https://import.example/db-3')"))
                .isEqualTo(2);
        assertThat(count("select count(*) from articles where url = 'https://import.example/db-2'"))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from statements s join articles a on a.id = s.article_id where a.url like 'https://import.example/db-%'"))
                .isEqualTo(5);
    }

    @Test
    void usageErrors_exitWithTwo() throws Exception {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run(dir.resolve("missing.ndjson").toString()).exitCode()).isEqualTo(2);
        assertThat(run("--batch-size", "zero", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(run("--frobnicate", dir.toString()).err()).contains("unknown option --frobnicate");
    }
}
