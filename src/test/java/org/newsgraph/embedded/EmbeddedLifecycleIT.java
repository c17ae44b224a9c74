package org.newsgraph.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.NewsGraphApplication;
import org.newsgraph.support.OwnThread;
import org.newsgraph.support.RestartPorts;
import org.newsgraph.support.SharesNothing;
import org.newsgraph.web.RawHttp;

/**
 * The embedded database's lifecycle, on the real run path: the application in a process of its own (no
 * database URL, profile {@code production}), its PostgreSQL started by it.
 * <ul>
 * <li>PostgreSQL listens on loopback only and wants the generated password; the log says how to connect
 * and shows neither the password nor the editor key.</li>
 * <li>A {@code kill -9} of the postmaster under a stream of writes, with a backend busy in a long statement (it
 * outlives its postmaster and would keep a new one from starting): the application is not restarted, the
 * watchdog brings PostgreSQL back, requests in between answer {@code SERVICE_UNAVAILABLE}, and every write
 * that was acknowledged is stored, once.</li>
 * <li>A fast shutdown of PostgreSQL ({@code pg_ctl stop -m fast}) under writes: requests hear
 * {@code SERVICE_UNAVAILABLE} (never {@code INTERNAL_ERROR}), PostgreSQL comes back. A smart shutdown
 * ({@code pg_ctl stop}), which would wait for the pool's sessions for ever: the watchdog ends it and restarts
 * PostgreSQL. Every acknowledged write is stored, once.</li>
 * <li>On SIGTERM, a request in flight completes (PostgreSQL stops after the drain, not 22 ms after
 * "Commencing graceful shutdown").</li>
 * </ul>
 */
@SharesNothing
class EmbeddedLifecycleIT {

    private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern PG_PORT = Pattern.compile("Embedded PostgreSQL is up on localhost:(\\d+)");

    // language=GraphQL
    private static final String INGEST =
            "mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { articleId outcome errors { code } } }";

    @TempDir
    Path directory;

    private Process app;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start() throws Exception {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                NewsGraphApplication.class.getName(),
                "--server.port=0",
                // the watchdog brings PostgreSQL back on its port after the kill
                "--newsgraph.embedded.port=" + RestartPorts.free(),
                "--newsgraph.embedded.data-directory=" + directory.resolve("pgdata"),
                // a smart shutdown is ended after 2 s instead of 5 s: the test asserts that it is, not when
                "--newsgraph.embedded.stuck-shutdown=2s",
                "--spring.datasource.url=",
                "--spring.profiles.active=production",
                "--server.shutdown=graceful",
                "--spring.lifecycle.timeout-per-shutdown-phase=60s",
                // the test classpath's logback-test.xml keeps Spring at WARN; the port and shutdown lines are INFO
                "--logging.level.org.springframework.boot=INFO");
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new Thread(() -> {
            try (var lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) log.add(line);
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /**
     * Waits (bounded: 5 minutes, for a loaded machine where the application's own JVM starts slowly) for a log
     * line matching the pattern; its first group.
     */
    private String awaitLog(Pattern pattern) throws InterruptedException {
        for (int attempt = 0; attempt < 6000; attempt++) {
            for (String line : log) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) return matcher.groupCount() > 0 ? matcher.group(1) : line;
            }
            if (!app.isAlive()) throw new AssertionError("the application ended:\n" + String.join("\n", log));
            Thread.sleep(50);
        }
        throw new AssertionError("no log line " + pattern + ":\n" + String.join("\n", log));
    }

    private int logIndex(String text) {
        for (int i = 0; i < log.size(); i++) if (log.get(i).contains(text)) return i;
        return -1;
    }

    private static Map<String, Object> article(String url) {
        return Map.of(
                "url",
                url,
                "title",
                "Lifecycle",
                "actors",
                List.of(Map.of("ref", "p", "kind", "PERSON", "name", "Lifecycle Speaker")),
                "statements",
                List.of(Map.of("speaker", "p", "kind", "DIRECT_QUOTE", "text", "Kept.")));
    }

    private static RawHttp.Response ingest(RawHttp http, int port, String key, String url) {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", RawHttp.JSON)
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.body(INGEST, Map.of("i", article(url))))));
    }

    private Connection connect(int pgPort, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pgPort + "/newsgraph", "postgres", password);
    }

    interface Fault {
        void happen() throws Exception;
    }

    private static void signal(long pid, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }

    /**
     * Writes articles under {@code https://lifecycle.example/<name>/<i>} one after the other until {@code writing}
     * is cleared: each acknowledged URL goes into {@code acknowledged}, each error code heard into {@code codes}; a
     * refused write is followed by a short pause. Bounded by time (10 minutes), not by a number of writes: a fast
     * machine writes thousands while PostgreSQL stops and comes back, and the writes after that are the point.
     */
    private static CompletableFuture<Void> writer(
            RawHttp http,
            int port,
            String key,
            String name,
            AtomicBoolean writing,
            Set<String> acknowledged,
            Set<String> codes) {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        return CompletableFuture.runAsync(
                () -> {
                    for (int i = 0; writing.get() && System.nanoTime() < end; i++) {
                        String url = "https://lifecycle.example/" + name + "/" + i;
                        var response = ingest(http, port, key, url);
                        String code = response.firstErrorCode();
                        if (code != null) codes.add(code);
                        if ("CREATED"
                                .equals(response.json()
                                        .at("/data/ingestArticle/outcome")
                                        .asString())) {
                            acknowledged.add(url);
                        } else {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                },
                OwnThread.EACH);
    }

    /**
     * Streams writes, lets the fault happen in the middle, and waits until PostgreSQL was restarted for the
     * {@code restart}-th time and writes are acknowledged again; then checks what the requests heard in between
     * and that every acknowledged write is stored, once.
     */
    private void writesThrough(
            RawHttp http, int port, int pgPort, String password, String key, String name, Fault fault, int restart)
            throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> codes = ConcurrentHashMap.newKeySet();
        var writing = new AtomicBoolean(true);
        var writer = writer(http, port, key, name, writing, acknowledged, codes);
        awaitAcknowledged(acknowledged, 5, writer);
        long before = postmasterPid();
        fault.happen();
        for (int attempt = 0; restarts() < restart; attempt++) {
            assertThat(attempt)
                    .as("PostgreSQL restarted after the %s stop:\n%s", name, log)
                    .isLessThan(2400);
            Thread.sleep(50);
        }
        awaitAcknowledged(acknowledged, acknowledged.size() + 5, writer);
        writing.set(false);
        writer.get(2, TimeUnit.MINUTES);
        assertThat(postmasterPid()).as("a new postmaster").isNotEqualTo(before);
        assertThat(codes)
                .as("what requests during the %s stop heard", name)
                .isSubsetOf("SERVICE_UNAVAILABLE", "TIMEOUT", "COMMITTED_READ_FAILED");
        try (var connection = connect(pgPort, password);
                var statement = connection.prepareStatement(
                        "select url, count(*) from articles where url like ? group by url")) {
            statement.setString(1, "https://lifecycle.example/" + name + "/%");
            var stored = new ArrayList<String>();
            var rows = statement.executeQuery();
            while (rows.next()) {
                assertThat(rows.getLong(2)).as(rows.getString(1)).isOne();
                stored.add(rows.getString(1));
            }
            assertThat(stored).as("every acknowledged write is stored").containsAll(acknowledged);
        }
    }

    private long restarts() {
        return log.stream()
                .filter(line -> line.contains("Embedded PostgreSQL restarted on port"))
                .count();
    }

    /** Waits (bounded) until {@code count} writes are acknowledged; the writer must still be writing. */
    private static void awaitAcknowledged(Set<String> acknowledged, int count, CompletableFuture<Void> writer)
            throws InterruptedException {
        for (int attempt = 0; attempt < 6000 && acknowledged.size() < count; attempt++) {
            assertThat(writer).as("the writer is still writing").isNotDone();
            Thread.sleep(20);
        }
        assertThat(acknowledged.size()).as("acknowledged writes").isGreaterThanOrEqualTo(count);
    }

    /** Waits (bounded) until a backend is active in a statement containing {@code text}. */
    private void awaitActive(int pgPort, String password, String text) throws Exception {
        try (var observer = connect(pgPort, password);
                var statement = observer.prepareStatement("select count(*) from pg_stat_activity where state = 'active'"
                        + " and pid <> pg_backend_pid() and position(? in query) > 0")) {
            statement.setString(1, text);
            for (int attempt = 0; attempt < 2400; attempt++) {
                var rows = statement.executeQuery();
                rows.next();
                if (rows.getInt(1) > 0) return;
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no backend became active in " + text);
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(directory.resolve("pgdata").resolve("postmaster.pid"))
                .get(0)
                .trim());
    }

    @Test
    void embeddedPostgres_wantsItsPassword_survivesAKill9OfThePostmaster_andStopsOnlyAfterTheDrain() throws Exception {
        app = start();
        int port = Integer.parseInt(awaitLog(HTTP_PORT));
        int pgPort = Integer.parseInt(awaitLog(PG_PORT));
        var http = new RawHttp(port);
        String password =
                Files.readString(directory.resolve("pgdata.pg-password")).trim();
        String editorKey = Files.readString(directory.resolve("editor-key")).trim();

        // loopback, password, and a log that says how to connect but shows no secret
        assertThatThrownBy(() -> connect(pgPort, null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(pgPort, "wrong").close()).isInstanceOf(SQLException.class);
        try (var connection = connect(pgPort, password);
                var statement = connection.createStatement()) {
            var rows = statement.executeQuery("show listen_addresses");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("localhost");
        }
        assertThat(String.join("\n", log))
                .contains("PGPASSWORD=$(cat " + directory.resolve("pgdata.pg-password"))
                .doesNotContain(password)
                .doesNotContain(editorKey);
        var introspection = http.graphql("{ __schema { queryType { name } } }", RawHttp.JSON);
        assertThat(introspection.firstErrorCode()).as(introspection.body()).isEqualTo("INTROSPECTION_DISABLED");

        // writes stream in; the postmaster is killed in the middle
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> codes = ConcurrentHashMap.newKeySet();
        var writing = new AtomicBoolean(true);
        var writer = writer(http, port, editorKey, "kill", writing, acknowledged, codes);
        awaitAcknowledged(acknowledged, 5, writer);
        // a backend busy in a long statement does not notice its postmaster's death: it keeps the shared memory,
        // and a new postmaster refuses to start until it is gone (it is killed by the restart)
        var busy = connect(pgPort, password);
        var orphan = CompletableFuture.runAsync(
                () -> {
                    try (var statement = busy.createStatement()) {
                        statement.execute("select count(*) from generate_series(1, 4000000000)");
                    } catch (SQLException expected) {
                        // its server went away
                    }
                },
                OwnThread.EACH);
        // the kill must find it running: wait until its backend is active in that statement
        awaitActive(pgPort, password, "generate_series(1, 4000000000)");
        long appPid = app.pid();
        long killed = postmasterPid();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        awaitLog(Pattern.compile("Embedded PostgreSQL restarted on port"));
        assertThat(String.join("\n", log)).contains("left by the dead postmaster");
        orphan.get(1, TimeUnit.MINUTES);
        busy.close();
        awaitAcknowledged(acknowledged, acknowledged.size() + 5, writer);
        writing.set(false);
        writer.get(2, TimeUnit.MINUTES);

        assertThat(app.pid()).as("the application was not restarted").isEqualTo(appPid);
        assertThat(app.isAlive()).isTrue();
        assertThat(postmasterPid()).as("a new postmaster").isNotEqualTo(killed);
        assertThat(codes)
                .as("what requests during the outage heard")
                .isSubsetOf("SERVICE_UNAVAILABLE", "TIMEOUT", "COMMITTED_READ_FAILED");
        assertThat(http.get("/actuator/health/liveness", RawHttp.JSON).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", RawHttp.JSON).status())
                .isEqualTo(200);
        try (var connection = connect(pgPort, password);
                var statement = connection.prepareStatement("select url, count(*) from articles group by url")) {
            var stored = new ArrayList<String>();
            var rows = statement.executeQuery();
            while (rows.next()) {
                assertThat(rows.getLong(2)).as(rows.getString(1)).isOne();
                stored.add(rows.getString(1));
            }
            assertThat(stored).as("every acknowledged write is stored").containsAll(acknowledged);
        }

        // pg_ctl stop -m fast (SIGINT): sessions end in the middle of their transactions (57P01, then 08006 on
        // the rollback); what the requests hear must say so, never INTERNAL_ERROR
        writesThrough(http, port, pgPort, password, editorKey, "fast", () -> signal(postmasterPid(), "INT"), 2);
        // pg_ctl stop (smart, SIGTERM): it waits for every session to end, and the pool's never do; the watchdog
        // ends the shutdown and starts PostgreSQL again
        writesThrough(http, port, pgPort, password, editorKey, "smart", () -> signal(postmasterPid(), "TERM"), 3);
        assertThat(String.join("\n", log)).contains("asking for a fast shutdown");
        assertThat(app.pid()).as("the application was not restarted").isEqualTo(appPid);

        // SIGTERM with a request in flight (held by a lock): it completes, then PostgreSQL stops
        try (var locker = connect(pgPort, password);
                var observer = connect(pgPort, password)) {
            locker.setAutoCommit(false);
            try (var statement = locker.createStatement()) {
                statement.execute("lock table statements in access exclusive mode");
            }
            var inFlight = CompletableFuture.supplyAsync(
                    () -> ingest(http, port, editorKey, "https://lifecycle.example/during-the-drain"), OwnThread.EACH);
            boolean waits = false;
            for (int attempt = 0; attempt < 2400 && !waits; attempt++) {
                try (var statement = observer.createStatement()) {
                    // the ingest's write to statements, not a read of them: the change feed, woken by the last
                    // writes of the phase before, may be waiting for the same lock to read what they added
                    var rows = statement.executeQuery("select count(*) from pg_locks where not granted"
                            + " and relation = 'statements'::regclass and mode = 'RowExclusiveLock'");
                    rows.next();
                    waits = rows.getInt(1) > 0;
                }
                if (!waits) Thread.sleep(50);
            }
            assertThat(waits)
                    .as("the request in flight waits for the lock when SIGTERM comes")
                    .isTrue();
            app.toHandle().destroy(); // SIGTERM
            awaitLog(Pattern.compile("Commencing graceful shutdown"));
            locker.rollback();
            var response = inFlight.get(2, TimeUnit.MINUTES);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().at("/data/ingestArticle/outcome").asString())
                    .as(response.body())
                    .isEqualTo("CREATED");
        }
        assertThat(app.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.exists(directory.resolve("pgdata").resolve("postmaster.pid")))
                .as("PostgreSQL stopped with the application")
                .isFalse();
        int drained = logIndex("Graceful shutdown complete");
        int stopped = logIndex("Stopping embedded PostgreSQL");
        assertThat(drained).as(String.join("\n", log)).isNotNegative();
        assertThat(stopped).as("PostgreSQL stopped after the drain").isGreaterThan(drained);
    }
}
