package org.newsgraph.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.ingest.ArticleDocumentReader;
import org.newsgraph.ingest.IngestService;
import org.newsgraph.support.OwnThread;
import org.newsgraph.support.RestartPorts;
import org.newsgraph.support.SharesNothing;
import org.newsgraph.support.TableSnapshot;
import org.newsgraph.web.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a PostgreSQL of its own (fixed port, data directory kept), which the test blocks,
 * stops during requests and an ingest, and starts again: slow statements end with TIMEOUT and free
 * their connection; with the database down requests fail fast with SERVICE_UNAVAILABLE and readiness
 * is DOWN; when it is back the same application serves again, acknowledged writes are there and the
 * interrupted ingest left nothing behind. Each test starts with the database up and an editor key, whatever
 * the others did; the tests assert what happens, not how long it takes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "newsgraph.limits.statement-timeout=4s",
            "newsgraph.limits.request-timeout=10s",
            // every request while the database is down waits this long for a connection before it answers
            // SERVICE_UNAVAILABLE (2.5 s by default): what it answers is asserted, not when
            "spring.datasource.hikari.connection-timeout=1000"
        })
@DirtiesContext
@SharesNothing
class DatabaseOutageIT {

    private static final String QUERY = "{ articles { totalCount } }";
    private static Path dataDirectory;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static boolean running;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    IngestService ingest;

    @Autowired
    ArticleDocumentReader reader;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("newsgraph-outage");
        databasePort = RestartPorts.free(); // PostgreSQL comes back on it
        startDatabase();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    private static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(databasePort)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on")
                .start();
        running = true;
    }

    private static void stopDatabase() throws IOException {
        running = false;
        postgres.close();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (running) {
            stopDatabase();
        }
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private RawHttp http() {
        return new RawHttp(port);
    }

    private Connection directConnection() throws Exception {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }

    private String documentWithUrl(String url) throws IOException {
        var json = new ClassPathResource("db/demo/ukraine-peace-talks-2025-04-22.json")
                .getContentAsString(StandardCharsets.UTF_8);
        return json.replace("https://edition.cnn.com/2025/04/22/politics/rubio-london-ukraine-talks", url);
    }

    private long articlesWithUrl(String url) {
        return jdbc.sql("select count(*) from articles where url = ?")
                .param(url)
                .query(Long.class)
                .single();
    }

    private int activeConnections() throws Exception {
        return dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
    }

    /**
     * The pool's active connections once the work in flight is done: a write wakes the change feed
     * (org.newsgraph.live), which borrows a connection for a moment to read what changed.
     */
    private int activeConnectionsWhenSettled() throws Exception {
        for (int i = 0; i < 600 && activeConnections() > 0; i++) {
            Thread.sleep(50);
        }
        return activeConnections();
    }

    String editorKey = "ng_outage_test_editor_key_0123456789";

    @Autowired
    org.newsgraph.auth.ApiKeyService apiKeys;

    /** The database up (a test that failed half-way may have left it down) and served again, and an editor key. */
    @BeforeEach
    void databaseUpWithAnEditorKey() throws Exception {
        if (!running) {
            startDatabase();
        }
        awaitRecovery();
        if (apiKeys.find(editorKey).isEmpty()) apiKeys.put("outage-editor", editorKey, org.newsgraph.auth.Role.EDITOR);
        assertThat(apiKeys.find(editorKey)).isPresent();
    }

    /** Polls until a query succeeds again (the pool reconnects by itself); the answer, or the last failure. */
    private RawHttp.Response awaitRecovery() throws InterruptedException {
        RawHttp.Response response = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            response = http().graphql(QUERY, GRAPHQL_RESPONSE);
            if (response.status() == 200 && !response.json().has("errors")) break;
            Thread.sleep(200);
        }
        return response;
    }

    @Test
    void blockedQuery_endsWithTimeout_andItsConnectionReturnsToThePool() throws Exception {
        try (var locker = directConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table articles in access exclusive mode");
            var response = http().graphql(QUERY, GRAPHQL_RESPONSE);
            assertThat(response.firstErrorCode()).as(response.body()).isEqualTo("TIMEOUT");
            assertThat(response.body()).doesNotContain("PSQL", "statement_timeout", "from articles", "Exception");
            assertThat(response.json().at("/errors/0/extensions/errorId").asString())
                    .isNotBlank();
            locker.rollback();
        }
        assertThat(activeConnectionsWhenSettled()).isZero();
        var after = http().graphql(QUERY, GRAPHQL_RESPONSE);
        assertThat(after.json().at("/data/articles/totalCount").asInt()).isPositive();
    }

    @Test
    void outageDuringIngestAndRequests_failsFast_thenRecoversWithoutRestart() throws Exception {
        String acknowledgedUrl = "https://example.org/outage/acknowledged";
        String interruptedUrl = "https://example.org/outage/interrupted";
        ingest.ingest(reader.read(documentWithUrl(acknowledgedUrl)));
        assertThat(articlesWithUrl(acknowledgedUrl)).isEqualTo(1);
        // and one acknowledged through the API: the ingestArticle mutation with an editor key
        String acknowledgedViaApi = "https://example.org/outage/acknowledged-via-api";
        @SuppressWarnings("unchecked")
        Map<String, Object> input = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readValue(documentWithUrl(acknowledgedViaApi), Map.class);
        var mutation = http().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", JSON)
                .header("Accept", GRAPHQL_RESPONSE)
                .header("Authorization", "Bearer " + editorKey)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RawHttp.body(
                        "mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome errors { message } } }",
                        Map.of("input", input)))));
        assertThat(mutation.json().at("/data/ingestArticle/outcome").asString())
                .as(mutation.body())
                .isEqualTo("CREATED");
        var before = TableSnapshot.of(jdbc);

        // An ingest that has written its article and waits for the statements table when the database stops.
        var locker = directConnection();
        locker.setAutoCommit(false);
        locker.createStatement().execute("lock table statements in access exclusive mode");
        var interrupted = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return ingest.ingest(reader.read(documentWithUrl(interruptedUrl)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                OwnThread.EACH);
        boolean wroteArticleAndWaits = false;
        for (int attempt = 0; attempt < 3000 && !wroteArticleAndWaits; attempt++) {
            var rs = locker.createStatement().executeQuery("""
                    select count(*) from pg_stat_activity a join pg_locks l on l.pid = a.pid
                    where a.wait_event_type = 'Lock' and l.relation = 'articles'::regclass and l.granted
                      and l.mode = 'RowExclusiveLock'""");
            rs.next();
            wroteArticleAndWaits = rs.getInt(1) > 0;
            if (!wroteArticleAndWaits) Thread.sleep(20);
        }
        assertThat(wroteArticleAndWaits)
                .as("the ingest wrote its article and waits for the lock")
                .isTrue();

        stopDatabase();

        assertThatThrownBy(() -> interrupted.get(2, TimeUnit.MINUTES))
                .as("the interrupted ingest fails")
                .isInstanceOf(java.util.concurrent.ExecutionException.class);

        // While the database is down: several requests at once, each fails fast and says so.
        var during = new ArrayList<CompletableFuture<RawHttp.Response>>();
        for (int i = 0; i < 8; i++) {
            during.add(CompletableFuture.supplyAsync(() -> http().graphql(QUERY, GRAPHQL_RESPONSE), OwnThread.EACH));
        }
        for (var future : during) {
            var response = future.get(2, TimeUnit.MINUTES);
            assertThat(response.firstErrorCode()).as(response.body()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(response.body()).doesNotContain("Hikari", "Exception", "jdbc", "Connection refused");
        }
        // With an API key, the key lookup (a servlet filter) meets the outage first: 503, same code, no 500 page.
        var withKey = http().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", JSON)
                .header("Accept", GRAPHQL_RESPONSE)
                .header("Authorization", "Bearer " + editorKey)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RawHttp.body(QUERY, null))));
        assertThat(withKey.status()).as(withKey.body()).isEqualTo(503);
        assertThat(withKey.firstErrorCode()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(withKey.body()).doesNotContain("Hikari", "Exception", "jdbc");

        var health = http().get("/actuator/health", JSON);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(http().get("/actuator/health/readiness", JSON).status()).isEqualTo(503);
        assertThat(http().get("/actuator/health/liveness", JSON).status()).isEqualTo(200);

        startDatabase();

        var recovered = awaitRecovery();
        assertThat(recovered.json().has("errors")).as(recovered.body()).isFalse();
        assertThat(http().get("/actuator/health/readiness", JSON).status()).isEqualTo(200);

        assertThat(articlesWithUrl(acknowledgedUrl)).isEqualTo(1);
        assertThat(articlesWithUrl(acknowledgedViaApi)).isEqualTo(1);
        assertThat(articlesWithUrl(interruptedUrl)).isZero();
        assertThat(TableSnapshot.of(jdbc))
                .as("nothing of the interrupted ingest is left")
                .isEqualTo(before);
        assertThat(recovered.json().at("/data/articles/totalCount").asLong())
                .isEqualTo(jdbc.sql("select count(*) from articles")
                        .query(Long.class)
                        .single());
        try {
            locker.close();
        } catch (Exception ignored) {
            // its server went away
        }
    }

    @Test
    void afterAnOutage_writesWorkAgain_onConnectionsWithTheStatementTimeout() throws Exception {
        stopDatabase();
        // The first requests after the stop meet the pooled connections it killed, one after the other: each is
        // a plain SERVICE_UNAVAILABLE with 503 (nothing was executed), never an INTERNAL_ERROR.
        for (int i = 0; i < 6; i++) {
            var during = (i % 2 == 0)
                    ? http().graphql(QUERY, GRAPHQL_RESPONSE)
                    : http().get(
                                    "/graphql?query="
                                            + java.net.URLEncoder.encode(
                                                    QUERY, java.nio.charset.StandardCharsets.UTF_8),
                                    GRAPHQL_RESPONSE);
            assertThat(during.firstErrorCode()).as(during.body()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(during.status()).as(during.body()).isEqualTo(503);
            assertThat(during.json().path("data").isNull()
                            || during.json().path("data").isMissingNode())
                    .as(during.body())
                    .isTrue();
            if (i % 2 == 1) {
                // a GET meets the outage when it reads the data version for its entity tag, and ends there: it is
                // refused before it executes (no "data" at all), instead of waiting for a connection again
                assertThat(during.json().has("data")).as(during.body()).isFalse();
            }
            assertThat(during.body()).doesNotContain("Hikari", "Exception", "jdbc", "Connection refused");
        }
        // application/json (legacy clients): the same code; an executed request is 200 there, as the draft asks
        var legacy = http().graphql(QUERY, JSON);
        assertThat(legacy.firstErrorCode()).as(legacy.body()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(legacy.status()).as(legacy.body()).isEqualTo(200);
        assertThat(http().get("/actuator/health/readiness", JSON).status()).isEqualTo(503);
        startDatabase();
        var recovered = awaitRecovery();
        assertThat(recovered.json().has("errors")).as(recovered.body()).isFalse();

        String url = "https://example.org/outage/after-recovery";
        var result = ingest.ingest(reader.read(documentWithUrl(url)));
        assertThat(result).isNotNull();
        assertThat(articlesWithUrl(url)).isEqualTo(1);
        assertThat(activeConnectionsWhenSettled()).isZero();
        List<Map<String, Object>> settings = jdbc.sql("select current_setting('statement_timeout') as t")
                .query()
                .listOfRows();
        assertThat(settings.get(0).get("t")).isEqualTo("4s");
    }
}
