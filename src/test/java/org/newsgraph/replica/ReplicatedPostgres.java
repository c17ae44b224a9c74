package org.newsgraph.replica;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Two real PostgreSQL 17 servers on loopback (the embedded binaries from Maven Central), the second a hot
 * standby streaming from the first. The binaries have no {@code pg_basebackup}, so the standby is made the
 * way PostgreSQL documents for a cold copy: the primary is initialized and shut down cleanly, its data
 * directory copied, the copy given {@code standby.signal} and {@code primary_conninfo}, and both started;
 * the standby then streams from the primary's shutdown checkpoint on.
 */
final class ReplicatedPostgres implements AutoCloseable {

    static final String DATABASE = "newsgraph";

    private final Path root;
    private final int primaryPort;
    private final int replicaPort;
    private EmbeddedPostgres primary;
    private EmbeddedPostgres replica;

    private ReplicatedPostgres(Path root, int primaryPort, int replicaPort) {
        this.root = root;
        this.primaryPort = primaryPort;
        this.replicaPort = replicaPort;
    }

    static ReplicatedPostgres start() {
        try {
            var servers =
                    new ReplicatedPostgres(Files.createTempDirectory("newsgraph-replication"), freePort(), freePort());
            servers.primary = servers.server(servers.primaryDirectory(), servers.primaryPort);
            try (Connection connection = servers.connect(servers.primaryPort, "postgres");
                    var statement = connection.createStatement()) {
                statement.execute("create database " + DATABASE);
            }
            try (Connection connection = servers.connect(servers.primaryPort, DATABASE);
                    var statement = connection.createStatement()) {
                statement.execute("create extension pg_stat_statements");
            }
            servers.primary.close();
            copy(servers.primaryDirectory(), servers.replicaDirectory());
            // PostgreSQL refuses a data directory others may read
            Files.setPosixFilePermissions(
                    servers.replicaDirectory(), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.createFile(servers.replicaDirectory().resolve("standby.signal"));
            Files.writeString(
                    servers.replicaDirectory().resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=localhost port=" + servers.primaryPort
                            + " user=postgres application_name=replica'\n",
                    StandardOpenOption.APPEND);
            servers.primary = servers.server(servers.primaryDirectory(), servers.primaryPort);
            servers.startReplica();
            return servers;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start a primary and a streaming replica", e);
        }
    }

    private EmbeddedPostgres server(Path directory, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // a shared, busy machine: a standby may need a while to reach a consistent state
                .setPGStartupWait(java.time.Duration.ofMinutes(2))
                .setPort(port)
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "5")
                .setServerConfig("wal_keep_size", "256MB")
                .setServerConfig("hot_standby", "on")
                .setServerConfig("hot_standby_feedback", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("max_connections", "60")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                        root.resolve(directory.getFileName() + ".log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                        root.resolve(directory.getFileName() + ".log").toFile()))
                .start();
    }

    void startReplica() throws IOException {
        replica = server(replicaDirectory(), replicaPort);
    }

    /** Shuts the replica down (fast: its sessions are terminated, as by an operator or a crash of the host). */
    void stopReplica() throws IOException {
        replica.close();
        replica = null;
    }

    String primaryUrl() {
        return url(primaryPort);
    }

    String replicaUrl() {
        return url(replicaPort);
    }

    Connection connectPrimary() throws SQLException {
        return connect(primaryPort, DATABASE);
    }

    Connection connectReplica() throws SQLException {
        return connect(replicaPort, DATABASE);
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    private Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", null);
    }

    private Path primaryDirectory() {
        return root.resolve("primary");
    }

    private Path replicaDirectory() {
        return root.resolve("replica");
    }

    @Override
    public void close() throws IOException {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                String name = source.getFileName().toString();
                if (name.equals("postmaster.pid") || name.equals("epg-lock")) {
                    return;
                }
                Path target = to.resolve(from.relativize(source));
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Primary and replica are stopped and started again on their ports. */
    private static int freePort() {
        return org.newsgraph.support.RestartPorts.free();
    }
}
