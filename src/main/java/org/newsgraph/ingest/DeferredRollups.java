package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The analytics rollups of new articles, added once per transaction and as late as can be: the set-based insert of
 * new articles runs with the rollups' insert triggers off ({@code newsgraph.defer_rollups}, this transaction only),
 * and {@link #apply} adds the articles' statements to the rollups afterwards ({@code analytics_add_articles}), each
 * table's rows in key order. A rollup row (a speaker's day, an event's speaker) is then locked from there to the
 * commit, not through the rest of the ingest, so parallel ingests of the same speaker wait less for each other.
 *
 * <p>{@link IngestService} applies them after linking utterances, just before the change log is written; any write
 * that changes an article of the transaction's own pending ones (a second version of a URL in one batch) applies
 * them first, and so does the commit at the latest. A savepoint rolled back takes its articles' rows away (adding
 * them later adds nothing) and the rollups it added (they are added again).
 */
final class DeferredRollups {

    private final JdbcClient jdbc;

    DeferredRollups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs the insert of new articles (returning their IDs) with the rollups deferred, when a transaction runs. */
    long[] insertDeferred(Supplier<long[]> insert) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return insert.get();
        setDeferred(true);
        var ids = insert.get();
        // Not in a finally block: after a failure the transaction (or the savepoint, which takes the setting back
        // with it) is rolled back anyway, and a statement now would only fail again.
        setDeferred(false);
        var pending = pending(true);
        for (var id : ids) pending.articleIds.add(id);
        return ids;
    }

    /** Adds the transaction's pending articles to the rollups. */
    void apply() {
        var pending = pending(false);
        if (pending != null) pending.apply();
    }

    private void setDeferred(boolean on) {
        jdbc.sql("select set_config('newsgraph.defer_rollups', ?, true)")
                .param(on ? "on" : "off")
                .query(String.class)
                .single();
    }

    /** Found among the transaction's synchronizations, as ChangeOutbox does: a suspended transaction keeps its own. */
    private Pending pending(boolean create) {
        for (var synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending p && p.owner() == this) return p;
        }
        if (!create) return null;
        var pending = new Pending();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    private final class Pending implements TransactionSynchronization {
        final List<Long> articleIds = new ArrayList<>();

        /**
         * All of the transaction's articles are passed each time: the database adds those it has not added yet (it
         * counts them in a setting of the transaction, which a savepoint rolled back takes back with the rows it
         * added).
         */
        void apply() {
            if (articleIds.isEmpty()) return;
            jdbc.sql("select analytics_add_pending(?::bigint[])")
                    .param(articleIds.toArray(Long[]::new))
                    .query((rs, n) -> 0)
                    .list();
        }

        /** Before the change log's own (registered later), at the latest. */
        @Override
        public void beforeCommit(boolean readOnly) {
            apply();
        }

        @Override
        public int getOrder() {
            return Integer.MIN_VALUE;
        }

        DeferredRollups owner() {
            return DeferredRollups.this;
        }
    }
}
