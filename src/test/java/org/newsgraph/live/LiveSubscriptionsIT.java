package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.NewsGraphApplication;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.RestartPorts;
import org.newsgraph.support.SharesNothing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the application on one PostgreSQL of its own (fixed port, data directory kept, so
 * the test can restart it), and the JavaScript clients of {@code src/test/js/live} (graphql-ws over
 * WebSocket, graphql-sse over SSE) against them: an ingest on instance A reaches subscribers on
 * instance B, filtered; a subscriber resumes with its cursor after a database restart and gets every
 * missed statement exactly once, then the live stream; limits and bad documents get proper errors; the
 * change feed pages through mixed writes in commit order. The clients restart the database through a
 * small control endpoint of this test ({@code POST /restart-database}).
 */
@SharesNothing
class LiveSubscriptionsIT {

    static final String EDITOR_KEY = "ng_live_test_editor_key_0123456789abcdef";

    static Path dataDirectory;
    static int databasePort;
    static EmbeddedPostgres postgres;
    static ConfigurableApplicationContext instanceA;
    static ConfigurableApplicationContext instanceB;
    static HttpServer control;

    @BeforeAll
    static void startDatabaseAndTwoInstances() throws Exception {
        dataDirectory = Files.createTempDirectory("newsgraph-live");
        databasePort = RestartPorts.free(); // PostgreSQL comes back on it
        startDatabase();
        instanceA = start("a", Map.of());
        instanceA.getBean(ApiKeyService.class).put("live-editor", EDITOR_KEY, Role.EDITOR);
        instanceB = start("b", Map.of("newsgraph.live.max-subscriptions-per-connection", "3"));
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/restart-database", exchange -> {
            try {
                postgres.close();
                startDatabase();
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        control.start();
    }

    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(databasePort)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    static ConfigurableApplicationContext start(String name, Map<String, Object> properties) {
        var all = new java.util.HashMap<String, Object>(properties);
        all.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        all.put("spring.datasource.username", "postgres");
        all.put("server.port", "0");
        all.put("spring.application.name", "newsgraph-" + name);
        // as arguments: they override application.yml (default properties would not)
        return new SpringApplicationBuilder(NewsGraphApplication.class)
                .run(all.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    static String url(ConfigurableApplicationContext instance) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return "http://localhost:" + port + "/graphql";
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (control != null) control.stop(0);
        if (instanceB != null) instanceB.close();
        if (instanceA != null) instanceA.close();
        if (postgres != null) postgres.close();
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void graphqlWsAndSseClients_followWritesAcrossInstancesAndDatabaseRestarts() throws Exception {
        var environment = Map.of(
                "NEWSGRAPH_URL_A",
                url(instanceA),
                "NEWSGRAPH_URL_B",
                url(instanceB),
                "NEWSGRAPH_EDITOR_KEY",
                EDITOR_KEY,
                "NEWSGRAPH_CONTROL_URL",
                "http://127.0.0.1:" + control.getAddress().getPort());
        assertThat(run(List.of("sh", "../../build/node-modules.sh", "."), environment))
                .as("npm ci (once per package-lock.json: src/build/node-modules.sh)")
                .isZero();
        assertThat(run(List.of("node", "--test", "live/subscriptions.mjs"), environment))
                .as("node --test live/subscriptions.mjs against " + environment)
                .isZero();
    }

    static int run(List<String> command, Map<String, String> environment) throws Exception {
        var builder = new ProcessBuilder(command)
                .directory(new java.io.File("src/test/js"))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("NO_COLOR", "1");
        var process = builder.start();
        try (var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> System.out.println("[js live] " + line));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
