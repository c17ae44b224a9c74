package org.newsgraph.live;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.EventRepository;
import org.newsgraph.statement.StatementRepository;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Flux;

/**
 * This instance's view of {@code change_log}: a thread that LISTENs on {@code newsgraph_changes} over a
 * dedicated connection to the primary (not from the pool; hot standbys refuse LISTEN), reads the new
 * changes in commit order when woken (and every {@code poll-interval} in case), loads what they name (from
 * the primary, also with read replicas) and
 * hands each batch to every open subscription. When the connection fails (database restart, failover) it
 * connects again, LISTENs again and reads everything after the last position it delivered, so no change
 * is lost; subscribers see a pause, not a gap.
 *
 * <p>Each subscription has a bounded buffer of batches ({@code newsgraph.live.send-buffer}); one that
 * does not keep up is ended with {@code SLOW_CONSUMER} instead of buffering without end.
 */
@Component
public class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    static final String CHANNEL = "newsgraph_changes";
    private static final int READ_LIMIT = 1000;

    private final ChangeLog changeLog;
    private final StatementRepository statements;
    private final ArticleRepository articles;
    private final EventRepository events;
    private final DataSource dataSource;
    private final LiveProperties properties;
    private final TransactionTemplate primary;
    private final Set<Registration> registrations = new CopyOnWriteArraySet<>();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    /** The last position handed to the subscriptions (guarded by {@code this} for writes). */
    private volatile long position = -1;

    public ChangeFeed(
            ChangeLog changeLog,
            StatementRepository statements,
            ArticleRepository articles,
            EventRepository events,
            DataSource dataSource,
            LiveProperties properties,
            PlatformTransactionManager transactions) {
        this.changeLog = changeLog;
        this.statements = statements;
        this.articles = articles;
        this.events = events;
        this.dataSource = dataSource;
        this.properties = properties;
        // A read-write transaction: with read replicas (org.newsgraph.replica) read-only reads go to a
        // replica, which may not have the rows of a change the primary just notified yet.
        this.primary = new TransactionTemplate(transactions);
    }

    /** Subscription executions registered with this feed (subscriptions sharing one count once). */
    public int openSubscriptions() {
        return registrations.size();
    }

    /** Whether the listening connection is up. */
    public boolean listening() {
        return connection != null;
    }

    // ---------------------------------------------------------------- subscribing

    /** A subscription's place in the feed: live batches after {@link #start}, in a bounded buffer. */
    final class Registration {
        private final BoundedDelivery<ChangeBatch> delivery;
        private long start;

        Registration(int buffer, Runnable onOverflow) {
            this.delivery = new BoundedDelivery<>(buffer, () -> {
                registrations.remove(this);
                onOverflow.run();
            });
        }

        /** Changes up to and including this position are not delivered live: read them with {@link #replay}. */
        long start() {
            return start;
        }

        Flux<ChangeBatch> live() {
            return delivery.flux().doFinally(signal -> registrations.remove(this));
        }

        void offer(ChangeBatch batch) {
            if (!delivery.offer(batch)) {
                registrations.remove(this);
            }
        }
    }

    /** Registers a subscription; {@code onOverflow} runs (on the feed's thread) when its buffer is full. */
    Registration register(Runnable onOverflow) {
        var registration = new Registration(properties.sendBuffer(), onOverflow);
        synchronized (this) {
            if (position < 0) {
                // Before the listener's first connection: live from here on, for the listener too.
                position = changeLog.lastPosition();
            }
            registration.start = position;
            registrations.add(registration);
        }
        return registration;
    }

    void unregister(Registration registration) {
        registrations.remove(registration);
    }

    /** The changes after {@code after} up to {@code upTo}, read from the outbox in pages. */
    Flux<ChangeBatch> replay(long after, long upTo) {
        if (after >= upTo) {
            return Flux.empty();
        }
        return Flux.<ChangeBatch, Long>generate(() -> after, (from, sink) -> {
            var changes = changeLog.after(from, upTo, List.of(), READ_LIMIT);
            if (changes.isEmpty()) {
                sink.complete();
                return from;
            }
            var batch = load(changes);
            sink.next(batch);
            if (batch.lastPosition() >= upTo) {
                sink.complete();
            }
            return batch.lastPosition();
        });
    }

    /** Loads the rows that the changes name, once for every subscription. */
    ChangeBatch load(List<Change> changes) {
        Map<ChangeKind, List<Long>> ids = changes.stream()
                .collect(
                        Collectors.groupingBy(Change::kind, Collectors.mapping(Change::entityId, Collectors.toList())));
        var articleIds = new ArrayList<Long>();
        articleIds.addAll(ids.getOrDefault(ChangeKind.ARTICLE_CREATED, List.of()));
        articleIds.addAll(ids.getOrDefault(ChangeKind.ARTICLE_UPDATED, List.of()));
        var statementIds = ids.getOrDefault(ChangeKind.STATEMENT_ADDED, List.of());
        var eventIds = ids.getOrDefault(ChangeKind.EVENT_CHANGED, List.of());
        return primary.execute(status -> new ChangeBatch(
                changes,
                statementIds.isEmpty() ? Map.of() : statements.findByIds(statementIds),
                articleIds.isEmpty() ? Map.of() : articles.findByIds(articleIds),
                eventIds.isEmpty() ? Map.of() : events.findByIds(eventIds),
                statementIds.isEmpty() ? Map.of() : statements.furtherSpeakersOf(statementIds)));
    }

    // ---------------------------------------------------------------- listening

    @Override
    public void start() {
        running = true;
        var listener = new Thread(this::listen, "newsgraph-change-feed");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        var listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
        closeConnection();
        registrations.forEach(r -> r.delivery.complete());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backoff = 100;
        while (running) {
            try (var listening = connect()) {
                connection = listening;
                try (var statement = listening.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                log.info("Listening for changes on {} (after position {})", CHANNEL, position);
                backoff = 100;
                catchUp();
                var pg = listening.unwrap(PGConnection.class);
                long lastRead = System.nanoTime();
                while (running) {
                    pruneWhenDue();
                    var notifications =
                            pg.getNotifications((int) properties.pollInterval().toMillis());
                    boolean due = System.nanoTime() - lastRead
                            >= properties.pollInterval().toNanos();
                    if ((notifications != null && notifications.length > 0) || due) {
                        catchUp();
                        lastRead = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("Change feed lost its connection ({}); listening again in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    break;
                }
                backoff = Math.min(backoff * 2, 5000);
            } finally {
                connection = null;
            }
        }
    }

    private long lastPrune = System.nanoTime();

    /** Once an hour, changes older than the retention window are deleted (by whichever instance comes first). */
    private void pruneWhenDue() {
        if (System.nanoTime() - lastPrune < java.util.concurrent.TimeUnit.HOURS.toNanos(1)) {
            return;
        }
        lastPrune = System.nanoTime();
        int pruned = changeLog.prune(properties.retention());
        if (pruned > 0) {
            log.info("Pruned {} changes older than {}", pruned, properties.retention());
        }
    }

    /** Reads and delivers everything after the last position delivered. */
    private void catchUp() {
        synchronized (this) {
            if (position < 0) {
                // First connection of this instance: live from now on (earlier changes are there to resume from).
                position = changeLog.lastPosition();
                return;
            }
        }
        while (running) {
            // the changes and their rows in one transaction: one connection from the pool, not two
            var batch = primary.execute(status -> {
                var changes = changeLog.after(position, Long.MAX_VALUE, List.of(), READ_LIMIT);
                return changes.isEmpty() ? null : load(changes);
            });
            if (batch == null) {
                return;
            }
            synchronized (this) {
                position = batch.lastPosition();
                for (var registration : registrations) {
                    registration.offer(batch);
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        var pool = unwrapPool();
        var info = new Properties();
        if (pool.getUsername() != null) info.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) info.setProperty("password", pool.getPassword());
        // LISTEN needs the primary; a URL naming several hosts picks it. No socket timeout: it waits.
        info.setProperty("targetServerType", "primary");
        info.setProperty("connectTimeout", "2");
        info.setProperty("tcpKeepAlive", "true");
        info.setProperty("ApplicationName", "newsgraph-change-feed");
        var listening = DriverManager.getConnection(pool.getJdbcUrl(), info);
        listening.setAutoCommit(true);
        return listening;
    }

    private HikariDataSource unwrapPool() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        return dataSource.unwrap(HikariDataSource.class);
    }

    private void closeConnection() {
        var open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    @Override
    public int getPhase() {
        // Started after the pool and Flyway, stopped before them.
        return Integer.MAX_VALUE - 1000;
    }
}
