package org.newsgraph.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.newsgraph.support.OwnThread;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two transactions that each put one event inside the other (A inside B, B inside A) cannot both commit: the
 * second waits for the first (migration events_parent_cycle_lock) and is then refused with the cycle error, on
 * the real database with two connections of its own.
 */
@IsolatedIntegrationTest
class ParentCycleConcurrencyTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    long event(String title) {
        return jdbc.sql("insert into events (kind, title, status) values ('MEETING', ?, 'PROPOSED') returning id")
                .param(title)
                .query(Long.class)
                .single();
    }

    @Test
    void twoTransactionsPuttingEventsInsideEachOther_theSecondWaitsAndIsRefused_noCycleIsStored() throws Exception {
        long a = event("Parent cycle test A " + System.nanoTime());
        long b = event("Parent cycle test B " + System.nanoTime());
        try (Connection first = dataSource.getConnection();
                Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            update(first, a, b); // A inside B, not committed yet
            int secondPid = pid(second);

            var secondUpdate = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            update(second, b, a); // B inside A
                            second.commit();
                            return "committed";
                        } catch (SQLException e) {
                            rollback(second);
                            return e.getSQLState() + " " + e.getMessage();
                        }
                    },
                    OwnThread.EACH);
            // Before the first commits, the second is either waiting for it or (without the lock) done already.
            while (!secondUpdate.isDone() && !waitingForALock(secondPid)) {
                Thread.sleep(20);
            }
            first.commit();
            var outcome = secondUpdate.get(60, TimeUnit.SECONDS);

            assertThat(outcome).startsWith("23514").contains("cannot be inside event");
        }
        assertThat(parentOf(a)).isEqualTo(b);
        assertThat(parentOf(b)).isNull();
    }

    static void update(Connection connection, long child, long parent) throws SQLException {
        try (var statement = connection.prepareStatement("update events set parent_id = ? where id = ?")) {
            statement.setLong(1, parent);
            statement.setLong(2, child);
            statement.executeUpdate();
        }
    }

    static int pid(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    boolean waitingForALock(int pid) {
        return jdbc.sql("select count(*) from pg_stat_activity where pid = ? and wait_event_type = 'Lock'")
                        .param(pid)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Long parentOf(long id) {
        return jdbc.sql("select parent_id from events where id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed below
        }
    }
}
