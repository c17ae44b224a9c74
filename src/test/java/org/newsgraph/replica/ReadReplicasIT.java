package org.newsgraph.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read replicas against two real PostgreSQL servers with streaming replication between them
 * ({@link ReplicatedPostgres}), over real HTTP: where reads and writes execute (each server's
 * {@code pg_stat_statements}), read-your-writes with the consistency token while the replica's replay is
 * paused, and a replica shut down under load and started again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SharesNothing
class ReadReplicasIT {

    // language=GraphQL
    static final String READ = """
            query ReplicaRead { actors(first: 5) { totalCount edges { node { id name statements(first: 3) { totalCount } } } } }""";

    // language=GraphQL
    static final String MORE_READS = """
            query ReplicaMoreReads($id: ID!) {
              node(id: $id) { id }
              actor(id: $id) { name }
              events(first: 2) { edges { node { title participants { actor { name } } } } }
              articles(first: 2) { edges { node { title } } }
              statements(first: 2) { edges { node { text speaker { name } events { title } } } }
              search(query: "talks", first: 3) { totalCount }
            }""";

    // language=GraphQL
    static final String UPSERT = """
            mutation ReplicaWrite($input: UpsertActorInput!) {
              upsertActor(input: $input) { actor { id name statements(first: 1) { totalCount } } errors { code } }
            }""";

    // language=GraphQL
    static final String ACTOR = "query ReplicaActor($id: ID!) { actor(id: $id) { name } }";

    static final ReplicatedPostgres servers = ReplicatedPostgres.start();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", servers::primaryUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("newsgraph.read-replica.urls", servers::replicaUrl);
        registry.add("newsgraph.read-replica.max-lag", () -> "120s");
        registry.add("newsgraph.read-replica.check-interval", () -> "200ms");
    }

    @AfterAll
    static void stopServers() throws Exception {
        servers.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyService keys;

    @Autowired
    ReadReplicas replicas;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void replicaInRotation() {
        awaitReplicaState("UP");
    }

    @Test
    void reads_executeOnTheReplica_andWritesOnThePrimary() throws Exception {
        // The replica serves reads while it lags less than the bound: let it replay the demo data first.
        String primaryPosition = query(servers::connectPrimary, "select pg_current_wal_insert_lsn()::text");
        await(
                "replica replayed " + primaryPosition,
                () -> query(
                                servers::connectReplica,
                                "select (pg_last_wal_replay_lsn() >= '" + primaryPosition + "'::pg_lsn)::text")
                        .equals("true"));
        resetStatements();

        for (int i = 0; i < 5; i++) {
            var answer = graphql(READ, Map.of(), Map.of());
            assertThat(answer.path("errors").isMissingNode())
                    .as(answer.toString())
                    .isTrue();
            assertThat(answer.at("/data/actors/totalCount").asInt()).isPositive();
            String id = answer.at("/data/actors/edges/0/node/id").asString();
            var more = graphql(MORE_READS, Map.of("id", id), Map.of());
            assertThat(more.path("errors").isMissingNode()).as(more.toString()).isTrue();
            assertThat(more.at("/data/node/id").asString()).isEqualTo(id);
        }
        long readsOnReplica = calls(servers::connectReplica, "%from actors%");
        long readsOnPrimary = applicationReads(servers::connectPrimary);
        String primaryStatements = statements(servers::connectPrimary, "%");
        var written = graphql(
                UPSERT,
                Map.of("input", Map.of("kind", "PERSON", "name", "Replica Writer " + UUID.randomUUID())),
                Map.of("Authorization", "Bearer " + keys.create("replica-" + UUID.randomUUID(), Role.EDITOR)));

        assertThat(readsOnReplica).isGreaterThanOrEqualTo(10);
        // the monitor's WAL position is the only thing the primary is asked while serving these reads
        assertThat(readsOnPrimary).as(primaryStatements).isZero();
        assertThat(written.at("/data/upsertActor/errors").size())
                .as(written.toString())
                .isZero();
        assertThat(calls(servers::connectPrimary, "insert into actors%")).isPositive();
        assertThat(calls(servers::connectReplica, "insert into actors%")).isZero();
    }

    @Test
    void consistencyToken_readsTheFreshWrite_whileTheReplicaPausedReplay() throws Exception {
        try (Connection replica = servers.connectReplica();
                var statement = replica.createStatement()) {
            statement.execute("select pg_wal_replay_pause()");
            await(
                    "replay paused",
                    () -> query(servers::connectReplica, "select pg_get_wal_replay_pause_state()")
                            .equals("paused"));
            String name = "Replica Paused " + UUID.randomUUID();

            var written = graphql(
                    UPSERT,
                    Map.of("input", Map.of("kind", "PERSON", "name", name)),
                    Map.of("Authorization", "Bearer " + keys.create("paused-" + UUID.randomUUID(), Role.EDITOR)));
            String id = written.at("/data/upsertActor/actor/id").asString();
            String token = written.at("/extensions/consistencyToken").asString();
            var withToken = graphql(ACTOR, Map.of("id", id), Map.of("NewsGraph-Consistency-Token", token));
            var withoutToken = graphql(ACTOR, Map.of("id", id), Map.of());

            // the mutation's payload is read on the primary, like the mutation
            assertThat(written.at("/data/upsertActor/actor/name").asString())
                    .as(written.toString())
                    .isEqualTo(name);
            assertThat(written.at("/data/upsertActor/actor/statements/totalCount")
                            .asInt())
                    .isZero();
            assertThat(token).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(withToken.at("/data/actor/name").asString())
                    .as(withToken.toString())
                    .isEqualTo(name);
            // the replica, in the rotation (lag below the bound) but paused, has not seen it
            assertThat(withoutToken.at("/data/actor").isNull())
                    .as(withoutToken.toString())
                    .isTrue();
        } finally {
            try (Connection replica = servers.connectReplica();
                    var statement = replica.createStatement()) {
                statement.execute("select pg_wal_replay_resume()");
            }
        }
    }

    @Test
    void replicaLaggingBeyondTheBound_leavesTheRotation_andReturnsWhenItCatchesUp() throws Exception {
        try (Connection replica = servers.connectReplica();
                var statement = replica.createStatement()) {
            replicas.maxLag(Duration.ofMillis(500));
            statement.execute("select pg_wal_replay_pause()");
            await(
                    "replay paused",
                    () -> query(servers::connectReplica, "select pg_get_wal_replay_pause_state()")
                            .equals("paused"));
            String name = "Replica Lagging " + UUID.randomUUID();
            var written = graphql(
                    UPSERT,
                    Map.of("input", Map.of("kind", "PERSON", "name", name)),
                    Map.of("Authorization", "Bearer " + keys.create("lagging-" + UUID.randomUUID(), Role.EDITOR)));
            String id = written.at("/data/upsertActor/actor/id").asString();

            awaitReplicaState("LAGGING");
            var whileLagging = graphql(ACTOR, Map.of("id", id), Map.of());

            // out of the rotation: the primary answers, with the write
            assertThat(whileLagging.at("/data/actor/name").asString())
                    .as(whileLagging.toString())
                    .isEqualTo(name);
            assertThat(health().at("/components/replicas/details/replica-1/lagMillis")
                            .asLong())
                    .isGreaterThan(500);
            statement.execute("select pg_wal_replay_resume()");
            awaitReplicaState("UP");
        } finally {
            replicas.maxLag(Duration.ofSeconds(120));
            try (Connection replica = servers.connectReplica();
                    var statement = replica.createStatement()) {
                statement.execute("select pg_wal_replay_resume()");
            }
        }
    }

    @Test
    void malformedConsistencyToken_isAClearError() throws Exception {
        var answer = graphql(READ, Map.of(), Map.of("NewsGraph-Consistency-Token", "yesterday"));

        assertThat(answer.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_CONSISTENCY_TOKEN");
        assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull())
                .isTrue();
    }

    @Test
    void replicaStoppedUnderLoad_readsContinueOnThePrimaryWithoutErrors_andReturnWhenItIsBack() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        // Bounded by time, not by a number of reads: a fast machine answers thousands of reads while the replica
        // stops and the monitor marks it DOWN, and the reads after that are what this test is about.
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (int i = 0; i < 3; i++) {
            clients.add(load.submit(() -> {
                while (running.get() && System.nanoTime() < end) {
                    try {
                        var answer = graphql(READ, Map.of(), Map.of());
                        if (!answer.path("errors").isMissingNode()
                                || answer.at("/data/actors/totalCount").asInt() == 0) {
                            failures.add(answer.toString());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    answered.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            await("load running", () -> answered.get() >= 30);
            servers.stopReplica();
            awaitReplicaState("DOWN");
            resetStatements(servers::connectPrimary);
            int atDown = answered.get();
            await("reads after the replica went down", () -> answered.get() >= atDown + 30);
            running.set(false);
            for (var client : clients) {
                client.get();
            }
        } finally {
            running.set(false);
            load.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(calls(servers::connectPrimary, "%from actors%")).isPositive();

        servers.startReplica();
        awaitReplicaState("UP");
        resetStatements();
        for (int i = 0; i < 5; i++) {
            assertThat(graphql(READ, Map.of(), Map.of()).path("errors").isMissingNode())
                    .isTrue();
        }
        assertThat(calls(servers::connectReplica, "%from actors%")).isGreaterThanOrEqualTo(5);
        assertThat(calls(servers::connectPrimary, "%from actors%")).isZero();
    }

    @Test
    void health_showsEachReplicasStateAndLag() throws Exception {
        JsonNode replica = health().at("/components/replicas/details/replica-1");

        assertThat(replica.path("state").asString()).isEqualTo("UP");
        assertThat(replica.path("inRotation").asBoolean()).isTrue();
        assertThat(replica.path("lagBytes").isNumber()).isTrue();
        assertThat(replica.path("lagMillis").isNumber()).isTrue();
    }

    // --- helpers -----------------------------------------------------------------------------------

    interface Connector {
        Connection connect() throws SQLException;
    }

    private JsonNode graphql(String query, Map<String, Object> variables, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("query", query, "variables", variables))));
        headers.forEach(request::header);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode health() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/replication"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private void awaitReplicaState(String state) {
        await("replica " + state, () -> {
            try {
                return state.equals(health().at("/components/replicas/details/replica-1/state")
                        .asString());
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Polls a state change for at most a minute (no timing is asserted). */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what);
            }
        }
    }

    private static void resetStatements() throws SQLException {
        resetStatements(servers::connectPrimary);
        resetStatements(servers::connectReplica);
    }

    private static void resetStatements(Connector server) throws SQLException {
        try (Connection connection = server.connect();
                var statement = connection.createStatement()) {
            statement.execute("select pg_stat_statements_reset()");
        }
    }

    private static long calls(Connector server, String pattern) throws SQLException {
        try (Connection connection = server.connect();
                var statement = connection.prepareStatement("select coalesce(sum(calls), 0) from pg_stat_statements"
                        + " where query ilike ? and query not ilike '%pg_stat_statements%'")) {
            statement.setString(1, pattern);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /**
     * SELECTs of the application's tables: not the monitor's or this test's calls of pg_* functions, not the
     * subscription feed's reads of change_log.
     */
    private static long applicationReads(Connector server) throws SQLException {
        try (Connection connection = server.connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select coalesce(sum(calls), 0) from pg_stat_statements"
                        + " where (query ilike 'select%' or query ilike 'with%') and query not ilike '%pg\\_%'"
                        // the live feed reads its outbox next to its LISTEN, on the primary by design
                        + " and query not ilike '%from change\\_log%'")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The statements matching {@code pattern} with their calls, to say what ran where when an assertion fails. */
    private static String statements(Connector server, String pattern) {
        try (Connection connection = server.connect();
                var statement = connection.prepareStatement(
                        "select calls || ': ' || query from pg_stat_statements where query ilike ?")) {
            statement.setString(1, pattern);
            var lines = new StringBuilder();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    lines.append(result.getString(1)).append('\n');
                }
            }
            return lines.toString();
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String query(Connector server, String sql) {
        try (Connection connection = server.connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
