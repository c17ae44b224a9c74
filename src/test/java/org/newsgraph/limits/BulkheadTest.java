package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.TestDatabase;
import org.newsgraph.web.RawHttp;
import org.newsgraph.web.UnharmedServerTest;
import org.springframework.beans.factory.annotation.Value;

/**
 * Expensive reads cannot starve the pool, over real HTTP on real PostgreSQL: a flood of full-text
 * searches is made to hang in the database (a lock held by the test on {@code statements}), so that
 * every one of them would keep its connection. Never more than {@code expensive-concurrency} (3) get one;
 * the rest wait in line and are refused with {@code OVERLOADED} (503) when their wait is over; meanwhile
 * a light query is answered and readiness stays UP, because 2 of the 5 connections remain free.
 */
@IsolatedIntegrationTest
class BulkheadTest extends UnharmedServerTest {

    @Value("${spring.datasource.url}")
    String url;

    private static final String EXPENSIVE =
            "query($s: String) { statements(filter: {text: $s}, first: 1) { totalCount } }";

    /**
     * The backends of this database waiting for the test's lock on {@code statements}: the searches that hang
     * (counted by their lock, so that no other backend of the shared test database waiting for some other lock is
     * taken for one).
     */
    private int backendsWaitingForLocks(Connection observer) throws Exception {
        try (var statement = observer.createStatement()) {
            var rows = statement.executeQuery("select count(distinct l.pid) from pg_locks l"
                    + " where l.database = (select oid from pg_database where datname = current_database())"
                    + " and l.relation = 'statements'::regclass and not l.granted");
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void aFloodOfSlowSearches_holdsAtMostThreeConnections_lightQueriesAndReadinessStillAnswer() throws Exception {
        var database = TestDatabase.get();
        var pool = Executors.newFixedThreadPool(12);
        try (Connection locker = DriverManager.getConnection(url, database.user(), database.password());
                Connection observer = DriverManager.getConnection(url, database.user(), database.password())) {
            locker.setAutoCommit(false);
            try (var statement = locker.createStatement()) {
                statement.execute("lock table statements in access exclusive mode");
            }
            List<CompletableFuture<RawHttp.Response>> flood = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String text = "talks" + i;
                flood.add(CompletableFuture.supplyAsync(
                        () -> new RawHttp(port).graphql(EXPENSIVE, Map.of("s", text), GRAPHQL_RESPONSE), pool));
            }
            for (int attempt = 0; attempt < 600 && backendsWaitingForLocks(observer) < 3; attempt++) {
                Thread.sleep(50);
            }
            assertThat(backendsWaitingForLocks(observer))
                    .as("three searches hang in the database")
                    .isEqualTo(3);

            // while they hang: a light query runs, readiness says UP, and no fourth search got a connection
            var light = http.graphql("{ articles(first: 1) { totalCount } }", GRAPHQL_RESPONSE);
            assertThat(light.status()).isEqualTo(200);
            assertThat(light.json().at("/data/articles/totalCount").asInt()).isPositive();
            assertThat(http.get("/actuator/health/readiness", JSON).status()).isEqualTo(200);
            assertThat(backendsWaitingForLocks(observer)).isLessThanOrEqualTo(3);

            // until every search has its answer, never more than three hold a connection
            int most = 0;
            while (!flood.stream().allMatch(CompletableFuture::isDone)) {
                most = Math.max(most, backendsWaitingForLocks(observer));
                Thread.sleep(20);
            }
            locker.rollback();
            assertThat(most).isLessThanOrEqualTo(3);
            var codes = new ArrayList<String>();
            for (var future : flood) {
                var response = future.get(2, TimeUnit.MINUTES);
                codes.add(response.firstErrorCode());
                if ("OVERLOADED".equals(response.firstErrorCode())) {
                    // refused in line, not left hanging: 503 with Retry-After, nothing executed
                    assertThat(response.status()).isEqualTo(503);
                    assertThat(response.json().has("data")).isFalse();
                }
            }
            // the lock outlives the statement timeout: the three that ran end with TIMEOUT, those that
            // waited for their turn in vain with OVERLOADED
            assertThat(codes).containsOnly("OVERLOADED", "TIMEOUT").contains("OVERLOADED");
        } finally {
            pool.shutdownNow();
        }
    }
}
