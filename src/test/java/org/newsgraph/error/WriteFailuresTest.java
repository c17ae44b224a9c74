package org.newsgraph.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.OwnThread;
import org.newsgraph.support.TableSnapshot;
import org.newsgraph.support.TestDatabase;
import org.newsgraph.web.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes that fail, over real HTTP on real PostgreSQL, with the failure made by PostgreSQL itself (locks
 * and {@code pg_terminate_backend} from a second connection): each answers the code that says what
 * happened, and the database holds exactly what was acknowledged.
 */
@IsolatedIntegrationTest
class WriteFailuresTest {

    // language=GraphQL
    private static final String INGEST = """
            mutation($input: IngestArticleInput!) {
              ingestArticle(input: $input) { articleId outcome article { id url } errors { path code } }
            }""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    @Value("${spring.datasource.url}")
    String url;

    private final JsonMapper json = JsonMapper.builder().build();
    private String editorKey;
    private RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
        editorKey = keys.create("write-failures-" + UUID.randomUUID(), Role.EDITOR);
    }

    private JsonNode mutate(String query, Map<String, Object> variables) {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", RawHttp.JSON)
                .header("Authorization", "Bearer " + editorKey)
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.body(query, variables))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> article(String url) {
        return json.readValue("""
                {"url": "%s", "title": "Write failure", "publisher": "o",
                 "actors": [{"ref": "o", "kind": "MEDIA_OUTLET", "name": "Write Failure Outlet"}],
                 "statements": [{"speaker": "o", "kind": "DIRECT_QUOTE", "text": "Said once."}]}""".formatted(url), Map.class);
    }

    private long articlesWithUrl(String url) {
        return jdbc.sql("select count(*) from articles where url = ?")
                .param(url)
                .query(Long.class)
                .single();
    }

    /** A connection of the test's own, straight to the database under test. */
    private Connection testConnection() throws SQLException {
        var database = TestDatabase.get();
        Connection connection = DriverManager.getConnection(url, database.user(), database.password());
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * Waits (bounded) until a backend waits for the lock of a write to {@code table} (the ingest: the change feed
     * may read the same tables meanwhile, and waits for the lock too, but for a read); its pid.
     */
    private static int waitForWriterBlockedOn(Connection observer, String table) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (var statement = observer.prepareStatement("""
                    select l.pid from pg_locks l
                    where l.database = (select oid from pg_database where datname = current_database())
                      and l.relation = ?::regclass and not l.granted and l.mode = 'RowExclusiveLock'
                    order by l.pid limit 1""")) {
                statement.setString(1, table);
                var rows = statement.executeQuery();
                if (rows.next()) return rows.getInt(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no write to " + table + " started waiting for its lock");
    }

    /** Waits (bounded) until the backend {@code pid} waits for a lock. */
    private static void waitForLockWait(Connection observer, int pid) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (var statement = observer.prepareStatement(
                    "select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'")) {
                statement.setInt(1, pid);
                var rows = statement.executeQuery();
                rows.next();
                if (rows.getInt(1) > 0) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("backend " + pid + " did not start waiting for a lock");
    }

    private static int pid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            var rows = statement.executeQuery("select pg_backend_pid()");
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void connectionKilledMidTransaction_answersServiceUnavailable_notInternalError_andWritesNothing() throws Exception {
        String url = "https://write-failures.example/killed-" + UUID.randomUUID();
        var before = TableSnapshot.of(jdbc);
        try (var locker = testConnection();
                var observer = testConnection()) {
            observer.setAutoCommit(true);
            try (var statement = locker.createStatement()) {
                statement.execute("lock table statements in access exclusive mode");
            }
            var response =
                    CompletableFuture.supplyAsync(() -> mutate(INGEST, Map.of("input", article(url))), OwnThread.EACH);
            int ingesting = waitForWriterBlockedOn(observer, "statements");
            try (var statement = observer.createStatement()) {
                statement.execute("select pg_terminate_backend(" + ingesting + ")");
            }
            locker.rollback();
            JsonNode body = response.get(2, TimeUnit.MINUTES);
            assertThat(body.at("/errors/0/extensions/code").asString())
                    .as(body.toString())
                    .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE.name());
            assertThat(body.at("/errors/0/message").asString()).doesNotContain("Internal error");
        }
        assertThat(articlesWithUrl(url)).isZero();
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
        // the pool replaced the killed connection: the same write now lands, once
        var again = mutate(INGEST, Map.of("input", article(url)));
        assertThat(again.at("/data/ingestArticle/outcome").asString()).isEqualTo("CREATED");
        assertThat(articlesWithUrl(url)).isOne();
    }

    @Test
    void committedIngest_whoseReadBackFails_isReportedAsCommitted_andARetryChangesNothing() throws Exception {
        String url = "https://write-failures.example/committed-" + UUID.randomUUID();
        try (var holdsStatements = testConnection();
                var blocksArticles = testConnection();
                var observer = testConnection()) {
            observer.setAutoCommit(true);
            try (var statement = holdsStatements.createStatement()) {
                statement.execute("lock table statements in access exclusive mode");
            }
            var response =
                    CompletableFuture.supplyAsync(() -> mutate(INGEST, Map.of("input", article(url))), OwnThread.EACH);
            waitForWriterBlockedOn(observer, "statements");
            int blockerPid = pid(blocksArticles);
            // Queue an exclusive lock on articles behind the ingest's: it is granted when the ingest
            // commits, so the reads that build the payload after the commit wait for it and time out.
            var blocker = CompletableFuture.runAsync(
                    () -> {
                        try (var statement = blocksArticles.createStatement()) {
                            statement.execute("lock table articles in access exclusive mode");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    OwnThread.EACH);
            waitForLockWait(observer, blockerPid);
            holdsStatements.commit();
            blocker.get(2, TimeUnit.MINUTES);
            JsonNode body = response.get(2, TimeUnit.MINUTES);
            blocksArticles.rollback();
            assertThat(body.at("/data/ingestArticle/outcome").asString())
                    .as(body.toString())
                    .isEqualTo("CREATED");
            String articleId = body.at("/data/ingestArticle/articleId").asString();
            assertThat(GlobalId.decode(articleId, "Article")).isPositive();
            assertThat(body.at("/errors/0/extensions/code").asString())
                    .isEqualTo(ErrorCode.COMMITTED_READ_FAILED.name());
            assertThat(body.at("/errors/0/path/1").asString()).isEqualTo("article");
        }
        assertThat(articlesWithUrl(url)).isOne();
        var before = TableSnapshot.of(jdbc);
        var retry = mutate(INGEST, Map.of("input", article(url)));
        assertThat(retry.at("/data/ingestArticle/outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void mergeOrDeleteOfWhatDoesNotExist_isAPayloadError_notAGraphQlError() {
        String unknownActor = GlobalId.encode("Actor", 999_999_999L);
        String someActor = GlobalId.encode(
                "Actor",
                jdbc.sql("select min(id) from actors").query(Long.class).single());
        var before = TableSnapshot.of(jdbc);
        var merge = mutate(
                "mutation($k: ID!, $m: ID!) { mergeActors(input: {keep: $k, merge: $m})"
                        + " { actor { id } errors { path code message } } }",
                Map.of("k", someActor, "m", unknownActor));
        assertThat(merge.has("errors")).as(merge.toString()).isFalse();
        assertThat(merge.at("/data/mergeActors/errors/0/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(merge.at("/data/mergeActors/errors/0/path").asString()).isEqualTo("merge");
        var delete = mutate(
                "mutation($id: ID!) { deleteArticle(input: {id: $id}) { deletedId errors { path code } } }",
                Map.of("id", GlobalId.encode("Article", 999_999_999L)));
        assertThat(delete.has("errors")).isFalse();
        assertThat(delete.at("/data/deleteArticle/errors/0/code").asString()).isEqualTo("NOT_FOUND");
        var update = mutate(
                "mutation($id: ID!) { updateEvent(input: {id: $id, title: \"x\"}) { errors { path code } } }",
                Map.of("id", GlobalId.encode("Event", 999_999_999L)));
        assertThat(update.at("/data/updateEvent/errors/0/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }
}
