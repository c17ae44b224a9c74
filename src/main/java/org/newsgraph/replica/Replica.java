package org.newsgraph.replica;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One read replica: its connection pool (the primary's settings, read-only, its own URL and name) and what
 * the last check found: reachable or not, a standby or not, how far it has replayed the WAL and how far
 * behind the primary that is. In the rotation only when up and within the configured lag.
 */
final class Replica {

    enum State {
        /** Not checked yet. */
        STARTING,
        /** Streaming and within the lag bound: serves reads. */
        UP,
        /** Reachable but further behind than the lag bound. */
        LAGGING,
        /** Unreachable, or a read on it failed; checked again at the next interval. */
        DOWN,
        /** Reachable but not in recovery (promoted, or not a standby): never read from. */
        NOT_A_STANDBY
    }

    final String name;
    final String url;
    final HikariDataSource pool;

    private volatile State state = State.STARTING;
    private volatile long replayLsn = -1;
    private volatile long lagBytes = -1;
    private volatile Duration lag = Duration.ZERO;
    private volatile String problem;

    Replica(
            String name,
            String url,
            HikariConfig primary,
            ReadReplicaProperties properties,
            SQLExceptionOverride failures,
            MetricsTrackerFactory metrics) {
        this.name = name;
        this.url = url;
        var config = new HikariConfig();
        primary.copyStateTo(config);
        config.setJdbcUrl(url);
        if (properties.username() != null) {
            config.setUsername(properties.username());
        }
        if (properties.password() != null) {
            config.setPassword(properties.password());
        }
        config.setPoolName(name);
        config.setReadOnly(true);
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        // A replica that is down at start leaves the rotation; it must not stop the application.
        config.setInitializationFailTimeout(-1);
        // the primary's meter binding is its own; this pool gets one with its name
        config.setMetricsTrackerFactory(null);
        config.setMetricRegistry(null);
        config.setMetricsTrackerFactory(metrics);
        config.setHealthCheckRegistry(null);
        config.setExceptionOverride(failures);
        this.pool = new HikariDataSource(config);
    }

    boolean inRotation() {
        return state == State.UP;
    }

    /** Whether it has replayed up to {@code lsn}, as far as the last check knows. */
    boolean hasReplayed(long lsn) {
        return replayLsn >= lsn;
    }

    /** Asks the replica itself how far it has replayed (for a consistency token beyond the last check). */
    boolean checkReplayed(long lsn) {
        try (Connection connection = pool.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_last_wal_replay_lsn()::text")) {
            result.next();
            long replayed = Lsn.parse(result.getString(1));
            if (replayed > replayLsn) {
                replayLsn = replayed;
            }
            return replayed >= lsn;
        } catch (SQLException | RuntimeException e) {
            markDown(e.getMessage());
            return false;
        }
    }

    void update(State state, long replayLsn, long lagBytes, Duration lag, String problem) {
        if (replayLsn >= 0) {
            this.replayLsn = replayLsn;
        }
        this.lagBytes = lagBytes;
        this.lag = lag;
        this.problem = problem;
        this.state = state;
    }

    void markDown(String problem) {
        this.problem = problem;
        this.state = State.DOWN;
    }

    State state() {
        return state;
    }

    long replayLsn() {
        return replayLsn;
    }

    long lagBytes() {
        return lagBytes;
    }

    Duration lag() {
        return lag;
    }

    String problem() {
        return problem;
    }
}
