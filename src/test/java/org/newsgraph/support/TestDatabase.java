package org.newsgraph.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server the test JVM uses, chosen once: {@code NEWSGRAPH_TEST_DATABASE_URL} (with
 * {@code NEWSGRAPH_TEST_DATABASE_USER} / {@code _PASSWORD}) if set, else Testcontainers PostgreSQL 17
 * if a Docker engine answers, else an embedded PostgreSQL 17. It logs which, so a run never silently
 * tests against something else. Tests never skip for want of a database.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String source;

    private TestDatabase(String url, String user, String password, String source) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            log.info("Tests run against {}: {}", instance.source, instance.url);
        }
        return instance;
    }

    private static TestDatabase start() {
        String given = System.getenv("NEWSGRAPH_TEST_DATABASE_URL");
        if (given != null && !given.isBlank()) {
            return new TestDatabase(
                    given,
                    System.getenv("NEWSGRAPH_TEST_DATABASE_USER"),
                    System.getenv("NEWSGRAPH_TEST_DATABASE_PASSWORD"),
                    "the database in NEWSGRAPH_TEST_DATABASE_URL");
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:17");
            container.start();
            return new TestDatabase(
                    container.getJdbcUrl(),
                    container.getUsername(),
                    container.getPassword(),
                    "Testcontainers PostgreSQL 17");
        }
        try {
            Path dataDirectory = Files.createTempDirectory("newsgraph-test-pgdata");
            // the tests' server is thrown away at the end of the run: it need not survive a crash of the machine,
            // so it does not wait for the disk (a database copied from a template, each checkpoint, and the
            // checkpoint of the stop at the JVM's exit, which the library gives 5 s, all wait on fsync otherwise)
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
                removeAfterExit(dataDirectory);
            }));
            return new TestDatabase(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    null,
                    "embedded PostgreSQL (no NEWSGRAPH_TEST_DATABASE_URL, no Docker engine)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL for the tests", e);
        }
    }

    /**
     * Removes the embedded server's data directory without holding up the JVM's exit: the tests' databases are
     * thousands of files, and deleting them in the shutdown hook (as the library does by default) kept the
     * test JVM from exiting for 20-30 s on a loaded machine (surefire: "The exit has elapsed 30 seconds after
     * System.exit(0)"). {@code rm -rf} runs on after the JVM is gone; where there is none, the directory is
     * deleted here.
     */
    private static void removeAfterExit(Path directory) {
        try {
            new ProcessBuilder("rm", "-rf", directory.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException noRm) {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a temporary directory: the system cleans it eventually
            }
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Creates an empty database on the same server and returns its JDBC URL, for tests that need a
     * database of their own (migrating from scratch, writing without disturbing the shared demo data).
     */
    public String createDatabase(String prefix) {
        return createDatabase(uniqueName(prefix), "");
    }

    private String createDatabase(String name, String options) {
        try (var connection = connect();
                var statement = connection.createStatement()) {
            statement.execute("create database " + name + options);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + options, e);
        }
        return withDatabase(url, name);
    }

    /**
     * Creates a database with every migration of {@code db/migration} applied and no rows, as Flyway would
     * leave an empty one, and returns its JDBC URL. The migrations run once per JVM, into a template database;
     * each call copies the template ({@code create database ... template}), which takes a fraction of the time
     * that migrating does. {@link org.newsgraph.db.MigrationsTest} migrates an empty database itself.
     */
    public String createMigratedDatabase(String prefix) {
        return createDatabase(uniqueName(prefix), " template " + migratedTemplate());
    }

    private String migratedTemplate;

    private synchronized String migratedTemplate() {
        if (migratedTemplate == null) {
            String name = uniqueName("migrated_template");
            String templateUrl = createDatabase(name, "");
            // a data source of single connections, closed after the migration: copying a database that has a
            // connection open is refused
            Flyway.configure()
                    .dataSource(new DriverManagerDataSource(templateUrl, user, password))
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            migratedTemplate = name;
        }
        return migratedTemplate;
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String withDatabase(String jdbcUrl, String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }
}
