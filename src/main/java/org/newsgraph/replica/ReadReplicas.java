package org.newsgraph.replica;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * The read replicas and their rotation. Started after the application's beans (the primary pool is
 * configured by then, so each replica pool copies its settings, statement timeout included): every
 * {@code check-interval} it reads the primary's WAL position and each replica's replay position, and keeps a
 * replica in the rotation while it is a reachable standby no further behind than {@code max-lag}. The lag in
 * time is how long ago the primary first wrote WAL the replica has not replayed yet (0 when it has replayed
 * everything the primary had written at the previous check). A replica that fails under a request leaves the
 * rotation at once and is checked again at the next interval. Pools ({@code hikaricp_*} by pool name), lag
 * and state are published as meters.
 */
final class ReadReplicas implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadReplicas.class);

    private final ReadReplicaProperties properties;
    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<MeterRegistry> meters;
    private final AtomicInteger next = new AtomicInteger();
    /** Recent (time, primary WAL position) samples, oldest first. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    private volatile List<Replica> replicas = List.of();
    private volatile Duration maxLag;
    private volatile HikariDataSource primary;
    private ScheduledExecutorService monitor;

    ReadReplicas(
            ReadReplicaProperties properties,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        this.maxLag = properties.maxLag();
        this.dataSource = dataSource;
        this.meters = meters;
    }

    List<Replica> replicas() {
        return replicas;
    }

    /**
     * A replica for a read of {@code route}, in turn among those in the rotation that have replayed the route's
     * consistency token, skipping {@code tried}; null: read on the primary.
     */
    Replica choose(ReadRouting.Route route, List<Replica> tried) {
        if (route != null && route.primaryOnly) {
            return null;
        }
        long minLsn = (route == null) ? 0 : route.minLsn;
        List<Replica> all = replicas;
        int start = Math.floorMod(next.getAndIncrement(), Math.max(1, all.size()));
        for (int i = 0; i < all.size(); i++) {
            Replica replica = all.get((start + i) % all.size());
            if (replica.inRotation() && replica.hasReplayed(minLsn) && !tried.contains(replica)) {
                return replica;
            }
        }
        return null;
    }

    /** Whether a replica in the rotation has replayed {@code lsn}: as far as the last check knows, else by asking one. */
    boolean anyReplayed(long lsn) {
        List<Replica> inRotation = replicas.stream().filter(Replica::inRotation).toList();
        if (inRotation.stream().anyMatch(replica -> replica.hasReplayed(lsn))) {
            return true;
        }
        return inRotation.stream().anyMatch(replica -> replica.checkReplayed(lsn));
    }

    HikariDataSource primary() {
        return primary;
    }

    /** Changes the lag bound (tests); the next check applies it. */
    void maxLag(Duration maxLag) {
        this.maxLag = maxLag;
    }

    @Override
    public void start() {
        primary = ReadReplicaConfiguration.hikari(dataSource.getObject());
        MeterRegistry registry = meters.getIfAvailable();
        var poolMetrics = (registry == null)
                ? null
                : new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry);
        var created = new ArrayList<Replica>();
        for (int i = 0; i < properties.urls().size(); i++) {
            String name = "replica-" + (i + 1);
            var holder = new Replica[1];
            SQLExceptionOverride failures = new SQLExceptionOverride() {
                @java.lang.Override
                public Override adjudicate(SQLException exception) {
                    failed(holder[0], exception);
                    return Override.CONTINUE_EVICT;
                }
            };
            holder[0] = new Replica(name, properties.urls().get(i).trim(), primary, properties, failures, poolMetrics);
            created.add(holder[0]);
        }
        replicas = List.copyOf(created);
        if (registry != null) {
            for (Replica replica : replicas) {
                Gauge.builder("newsgraph.replica.lag.bytes", replica, Replica::lagBytes)
                        .description("WAL bytes the replica has not replayed yet (-1: unknown)")
                        .tag("replica", replica.name)
                        .register(registry);
                Gauge.builder("newsgraph.replica.lag", replica, r -> r.lag().toNanos() / 1e9)
                        .description("How long ago the primary wrote the oldest WAL the replica has not replayed")
                        .baseUnit("seconds")
                        .tag("replica", replica.name)
                        .register(registry);
                Gauge.builder("newsgraph.replica.in.rotation", replica, r -> r.inRotation() ? 1 : 0)
                        .description("1 while the replica serves reads")
                        .tag("replica", replica.name)
                        .register(registry);
            }
        }
        check();
        monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "read-replica-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.checkInterval().toMillis();
        monitor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
        log.info(
                "Read replicas: {} (max lag {}, checked every {})",
                replicas.stream().map(r -> r.name + " " + r.url).toList(),
                properties.maxLag(),
                properties.checkInterval());
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
            monitor = null;
        }
        replicas.forEach(replica -> replica.pool.close());
    }

    @Override
    public boolean isRunning() {
        return monitor != null;
    }

    /** A replica connection failed under a request: out of the rotation now, and the request reads again on the primary. */
    private void failed(Replica replica, SQLException exception) {
        String state = exception.getSQLState();
        boolean connectionLost = exception instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P")));
        // 40001 on a standby: a query cancelled by a conflict with recovery; the replica itself is fine
        boolean recoveryConflict = "40001".equals(state);
        if (connectionLost || recoveryConflict) {
            var route = ReadRouting.current();
            if (route != null) {
                route.replicaFailed = true;
            }
        }
        if (connectionLost && replica != null && replica.state() != Replica.State.DOWN) {
            log.warn("Read replica {} failed ({}): out of the rotation", replica.name, exception.getMessage());
            replica.markDown(exception.getMessage());
        }
    }

    /** Reads the primary's position and each replica's; updates states and lags. */
    void check() {
        long now = System.nanoTime();
        long primaryLsn = primaryLsn();
        if (primaryLsn >= 0) {
            synchronized (samples) {
                samples.addLast(new long[] {now, primaryLsn});
                long keep = Math.max(maxLag.toNanos() * 3, TimeUnit.SECONDS.toNanos(30));
                while (samples.size() > 2 && (now - samples.peekFirst()[0] > keep || samples.size() > 10_000)) {
                    samples.removeFirst();
                }
            }
        }
        for (Replica replica : replicas) {
            check(replica, primaryLsn, now);
        }
    }

    private void check(Replica replica, long primaryLsn, long now) {
        Replica.State before = replica.state();
        try (Connection connection = replica.pool.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
            result.next();
            if (!result.getBoolean(1)) {
                replica.update(Replica.State.NOT_A_STANDBY, -1, -1, Duration.ZERO, "not in recovery");
            } else {
                long replayed = Lsn.parse(result.getString(2));
                long lagBytes = (primaryLsn >= 0 && replayed >= 0) ? Math.max(0, primaryLsn - replayed) : -1;
                Duration lag = lagSince(replayed, now);
                boolean lagging = replayed < 0 || lag.compareTo(maxLag) > 0;
                replica.update(lagging ? Replica.State.LAGGING : Replica.State.UP, replayed, lagBytes, lag, null);
            }
        } catch (SQLException | RuntimeException e) {
            replica.update(Replica.State.DOWN, -1, -1, Duration.ZERO, e.getMessage());
        }
        if (replica.state() != before) {
            log.info(
                    "Read replica {} is {} (lag {} bytes, {} ms){}",
                    replica.name,
                    replica.state(),
                    replica.lagBytes(),
                    replica.lag().toMillis(),
                    replica.problem() == null ? "" : ": " + replica.problem());
        }
    }

    /** How long ago the primary first wrote WAL beyond {@code replayed}; zero if it had not at any sample. */
    private Duration lagSince(long replayed, long now) {
        synchronized (samples) {
            for (long[] sample : samples) {
                if (sample[1] > replayed) {
                    return Duration.ofNanos(now - sample[0]);
                }
            }
        }
        return Duration.ZERO;
    }

    private long primaryLsn() {
        HikariDataSource pool = primary;
        if (pool == null) {
            return -1;
        }
        try (Connection connection = pool.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_current_wal_lsn()::text")) {
            result.next();
            return Lsn.parse(result.getString(1));
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not read the primary's WAL position", e);
            return -1;
        }
    }
}
