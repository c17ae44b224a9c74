package org.newsgraph.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server NewsGraph runs itself when no database URL is configured, and its keeper:
 * <ul>
 * <li><b>Loopback, with a password:</b> it listens on {@code localhost} only (no Unix socket), and every
 * connection needs the password of {@code postgres}, generated on the first start and kept in
 * {@code <data directory>.pg-password} next to the data directory (readable by the owner only).</li>
 * <li><b>Supervised:</b> a watchdog looks at the postmaster every {@code supervise-interval}; when it is gone
 * (killed, crashed), the server is started again on the same data directory and port, with a log line,
 * backing off from 0.5 s to 30 s between attempts. After {@code max-restart-attempts} failed attempts in a
 * row it gives up and calls {@code onGiveUp} (the configuration marks the application's liveness broken,
 * so that an orchestrator replaces the process). A postmaster stuck in a shutdown that someone else asked for
 * (a smart shutdown waits for the pool's sessions, which never end) is stopped fast and started again.</li>
 * <li><b>Stopped last:</b> the library's own JVM shutdown hook is off; {@link #close()} runs when Spring
 * destroys this bean, after the web server drained and the pool closed.</li>
 * </ul>
 */
public class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HBA_SCRAM = """
            # Written by NewsGraph: loopback TCP only, always with the password (see <data directory>.pg-password).
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;
    private static final String HBA_TRUST_ONCE = """
            # Written by NewsGraph for the first start only, until the password is set.
            host all all 127.0.0.1/32 trust
            host all all ::1/128 trust
            """;

    private final EmbeddedPostgresProperties properties;
    private final Path dataDirectory;
    private final Path passwordFile;
    private final Runnable onGiveUp;
    private final AtomicReference<EmbeddedPostgres> current = new AtomicReference<>();
    private final ScheduledExecutorService watchdog;
    private volatile boolean closing;
    private volatile int port;
    private volatile String password;
    private volatile int failedAttempts;
    private volatile long nextAttemptNanos;
    private volatile long restarts;
    private volatile long stoppingSinceNanos;
    private volatile boolean fastShutdownRequested;

    public EmbeddedPostgresServer(EmbeddedPostgresProperties properties, Runnable onGiveUp) {
        this.properties = properties;
        this.dataDirectory = properties.dataDirectory().toAbsolutePath();
        // Named after the data directory: two clusters side by side (.newsgraph/pgdata, .newsgraph/bench-pgdata)
        // must not share (and overwrite) one password file.
        this.passwordFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".pg-password");
        this.onGiveUp = onGiveUp;
        this.port = properties.port();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the server (creating the cluster and its password on the first start) and its watchdog. */
    public EmbeddedPostgresServer start() {
        log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
        current.set(launch());
        createDatabaseIfMissing(properties.database());
        log.info(
                "Embedded PostgreSQL is up on localhost:{} (loopback only). Connect with: PGPASSWORD=$(cat {}) psql -h"
                        + " localhost -p {} -U postgres {}",
                port,
                passwordFile,
                port,
                properties.database());
        long interval = Math.max(50, properties.superviseInterval().toMillis());
        watchdog.scheduleWithFixedDelay(this::watch, interval, interval, TimeUnit.MILLISECONDS);
        return this;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + properties.database();
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    /** How many times the watchdog brought the server back. */
    public long restarts() {
        return restarts;
    }

    /** The postmaster's process, from {@code postmaster.pid}, if it runs. */
    public Optional<ProcessHandle> postmaster() {
        try {
            var lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.isEmpty()) return Optional.empty();
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException | SecurityException e) {
            return Optional.empty();
        }
    }

    private void watch() {
        if (closing) return;
        var running = postmaster();
        if (running.isPresent()) {
            failedAttempts = 0;
            endAStuckShutdown(running.get());
            return;
        }
        stoppingSinceNanos = 0;
        if (System.nanoTime() < nextAttemptNanos) return;
        int attempt = failedAttempts + 1;
        log.warn("Embedded PostgreSQL is not running (postmaster gone); restarting it, attempt {}", attempt);
        long started = System.nanoTime();
        try {
            var old = current.getAndSet(null);
            if (old != null) closeQuietly(old);
            OrphanedBackends.kill(dataDirectory);
            current.set(launch());
            fastShutdownRequested = false;
            restarts++;
            failedAttempts = 0;
            log.warn(
                    "Embedded PostgreSQL restarted on port {} in {} ms (restart {})",
                    port,
                    (System.nanoTime() - started) / 1_000_000,
                    restarts);
        } catch (RuntimeException e) {
            // The library locks epg-lock in the data directory before it starts PostgreSQL and keeps the lock when
            // the start fails; the next attempt in this JVM then fails at once (OverlappingFileLockException, no
            // message), every time. The lock is held by the failed instance only, which nothing references: a GC
            // collects its FileLock (weakly held by the JVM's lock table) and its stream (whose cleaner closes it).
            System.gc();
            failedAttempts = attempt;
            long backoff = Math.min(30_000, 500L << Math.min(attempt - 1, 6));
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
            log.error(
                    "Restarting embedded PostgreSQL failed (attempt {}), next try in {} ms: {}",
                    attempt,
                    backoff,
                    e.getMessage());
            if (attempt >= properties.maxRestartAttempts()) {
                log.error("Embedded PostgreSQL did not come back after {} attempts; giving up", attempt);
                closing = true;
                onGiveUp.run();
            }
        }
    }

    /**
     * A postmaster told to stop by someone else ({@code pg_ctl stop}, whose default is a smart shutdown: SIGTERM)
     * refuses new connections and waits for every session to end, and the pool's and the change feed's never do:
     * it would stay half-stopped for good, with readiness DOWN and nothing restarted. After {@code stuck-shutdown}
     * (5 s) in that state it is told to stop fast (SIGINT: sessions end, transactions roll back), then, if it is still
     * there after as long again, killed; either way the watchdog then starts it again.
     */
    private void endAStuckShutdown(ProcessHandle postmaster) {
        if (!stopping()) {
            stoppingSinceNanos = 0;
            return;
        }
        long now = System.nanoTime();
        if (stoppingSinceNanos == 0) {
            stoppingSinceNanos = now;
            return;
        }
        long stuck = now - stoppingSinceNanos;
        long limit = properties.stuckShutdown().toNanos();
        if (stuck >= 2 * limit) {
            log.warn("Embedded PostgreSQL is still shutting down after a fast shutdown request; killing it");
            postmaster.destroyForcibly();
        } else if (stuck >= limit && !fastShutdownRequested) {
            log.warn(
                    "Embedded PostgreSQL has been shutting down for {} s, waiting for sessions that do not end;"
                            + " asking for a fast shutdown, then restarting it",
                    TimeUnit.NANOSECONDS.toSeconds(stuck));
            fastShutdownRequested = true;
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                        .redirectErrorStream(true)
                        .start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                postmaster.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code postmaster.pid} says the server is shutting down (its status line, PostgreSQL 10 and later). */
    private boolean stopping() {
        try {
            var lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.size() > 7 && lines.get(7).trim().equals("stopping");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts PostgreSQL on the data directory: secured on the way, on the same port as before. */
    private synchronized EmbeddedPostgres launch() {
        boolean existing = Files.isRegularFile(dataDirectory.resolve("PG_VERSION"));
        String known = readPassword();
        boolean setPassword = known == null;
        password = setPassword ? newPassword() : known;
        try {
            if (existing) writeHba(setPassword ? HBA_TRUST_ONCE : HBA_SCRAM);
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setConnectConfig("password", password)
                    // The library turns durability off for tests (-F, synchronous_commit=off); this server holds
                    // the user's data. A -c option comes after -F on the command line and wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .start();
            port = postgres.getPort();
            if (setPassword || !existing) {
                try (Connection connection = connect(postgres, "postgres");
                        var statement = connection.createStatement()) {
                    statement.execute("alter role postgres password '" + password.replace("'", "''") + "'");
                    savePassword(password);
                    writeHba(HBA_SCRAM);
                    statement.execute("select pg_reload_conf()");
                }
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not secure embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private Connection connect(EmbeddedPostgres postgres, String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", password);
    }

    private void createDatabaseIfMissing(String database) {
        try (Connection connection = connect(current.get(), "postgres");
                var statement = connection.createStatement()) {
            var exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in embedded PostgreSQL", e);
        }
    }

    private void writeHba(String content) throws IOException {
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), content, StandardCharsets.UTF_8);
    }

    private String readPassword() {
        try {
            if (!Files.isRegularFile(passwordFile)) return null;
            String value =
                    Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            return value.isEmpty() ? null : value;
        } catch (IOException e) {
            return null;
        }
    }

    private void savePassword(String value) throws IOException {
        Files.createDirectories(passwordFile.getParent());
        Files.writeString(passwordFile, value + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system
        }
    }

    private static String newPassword() {
        var bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the old embedded PostgreSQL: {}", e.getMessage());
        }
    }

    /** Stops the watchdog, then PostgreSQL (fast shutdown: running transactions roll back). */
    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
        var postgres = current.getAndSet(null);
        if (postgres != null) {
            log.info("Stopping embedded PostgreSQL");
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Stopping embedded PostgreSQL: {}", e.getMessage());
            }
        }
    }
}
