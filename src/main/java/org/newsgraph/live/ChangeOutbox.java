package org.newsgraph.live;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The write side of the transactional outbox ({@code change_log}, migration change_log). Write paths name what they
 * changed; the changes of a transaction are collected and written in one SQL call just before it commits
 * ({@link TransactionSynchronization#beforeCommit}), which also sends the one {@code NOTIFY} of the
 * transaction. A transaction that rolls back writes nothing; a change undone by a savepoint rollback is
 * dropped by the database function, which keeps only what it finds true. The statements an article
 * gained and the events an ingest created or updated are found by that function, so a write path only
 * names the article.
 *
 * <p>{@code newsgraph.live.outbox.enabled=false} turns the outbox off (for the benchmark's comparison):
 * subscriptions and {@code Query.changes} then see nothing new.
 */
@Component
public class ChangeOutbox {

    private final JdbcClient jdbc;

    private final boolean enabled;

    public ChangeOutbox(JdbcClient jdbc, @Value("${newsgraph.live.outbox.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    /** An article was created ({@code created}) or updated by an ingest; its new statements follow. */
    public void articleWritten(long articleId, boolean created) {
        record(created ? ChangeKind.ARTICLE_CREATED : ChangeKind.ARTICLE_UPDATED, articleId, null);
    }

    public void articleDeleted(long articleId) {
        record(ChangeKind.ARTICLE_DELETED, articleId, null);
    }

    public void actorUpdated(long actorId) {
        record(ChangeKind.ACTOR_UPDATED, actorId, null);
    }

    /** {@code merged} was merged into {@code kept} and no longer exists. */
    public void actorMerged(long merged, long kept) {
        record(ChangeKind.ACTOR_MERGED, merged, kept);
    }

    public void eventChanged(long eventId) {
        record(ChangeKind.EVENT_CHANGED, eventId, null);
    }

    private void record(ChangeKind kind, long id, Long related) {
        if (!enabled) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            var pending = new Pending();
            pending.add(kind, id, related);
            pending.publish();
            return;
        }
        // Found among the transaction's synchronizations (not bound as a resource): a transaction suspended
        // for an inner one keeps its own list.
        Pending pending = null;
        for (var synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending p && p.outbox() == this) {
                pending = p;
            }
        }
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(kind, id, related);
    }

    /** The changes of one transaction, written just before it commits. */
    private final class Pending implements TransactionSynchronization {

        private final List<String> kinds = new ArrayList<>();
        private final List<Long> ids = new ArrayList<>();
        private final List<Long> related = new ArrayList<>();

        void add(ChangeKind kind, long id, Long relatedId) {
            kinds.add(kind.name());
            ids.add(id);
            related.add(relatedId);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            publish();
        }

        void publish() {
            jdbc.sql("select newsgraph_publish_changes(?::text[], ?::bigint[], ?::bigint[])")
                    .params(kinds.toArray(String[]::new), ids.toArray(Long[]::new), related.toArray(Long[]::new))
                    .query((rs, row) -> rs.getObject(1))
                    .list();
        }

        ChangeOutbox outbox() {
            return ChangeOutbox.this;
        }
    }
}
