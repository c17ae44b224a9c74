package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.live.ChangeOutbox;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.Gazetteer;
import org.newsgraph.resolution.Thresholds;
import org.newsgraph.utterance.UtteranceLinker;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one {@link ArticleDocument} into the news tables: the single write path behind the demo
 * dataset, the {@code ingestArticle} mutation and the bulk import.
 *
 * <p>One transaction per article (or one savepoint per article inside a batch): on any error nothing of
 * the article is written. Idempotent by article URL: an unchanged document (same content hash) writes
 * nothing; a changed one updates the article and replaces its statements, keeping the row and ID of
 * every statement whose speaker and text did not change. Actors and events are matched before they are
 * created, and creation is an {@code INSERT ... ON CONFLICT DO NOTHING} on a unique key followed by a
 * second look-up, so parallel ingests that name the same new actor create it once. Work is set-based
 * (one statement per table and article, arrays through {@code unnest}); in a batch, the new articles
 * are written with one statement per table for all of them ({@link SetBasedBatch}), with the same
 * outcome as one at a time.
 */
@Service
public class IngestService {

    private static final int ATTEMPTS = 5;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IngestService.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final NameKeys nameKeys;
    private final DocumentWriter writer;
    private final UtteranceLinker utterances;
    private final DeferredRollups rollups;

    private final ChangeOutbox changes;

    public IngestService(
            JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, ChangeOutbox changes) {
        this(jdbc, template, transactions, changes, Thresholds.DEFAULTS);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public IngestService(
            JdbcClient jdbc,
            JdbcTemplate template,
            PlatformTransactionManager transactions,
            ChangeOutbox changes,
            Thresholds thresholds) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.template = template;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.nameKeys = new NameKeys(jdbc);
        var gazetteer = Gazetteer.standard();
        this.rollups = new DeferredRollups(jdbc);
        var setBased = new SetBasedBatch(
                jdbc, template, nameKeys, new ActorScorer(gazetteer), new EventScorer(gazetteer), thresholds, rollups);
        this.writer =
                new DocumentWriter(jdbc, new ArticleIngest(jdbc), setBased, new ReportDetailsWriter(jdbc), rollups);
        this.utterances = new UtteranceLinker(jdbc);
    }

    /**
     * Validates and writes the document in a transaction of its own (retried when it loses a deadlock
     * to a parallel ingest).
     *
     * @throws InvalidDocumentException listing every problem, when the document is invalid or the
     *                                  database rejects it; nothing was written
     */
    public IngestResult ingest(ArticleDocument document) {
        var problems = DocumentValidator.validate(document);
        if (!problems.isEmpty()) throw new InvalidDocumentException(problems);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return savepoint.execute(status -> published(linked(writer.write(document))));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> published(linked(writer.write(document))));
            } catch (PessimisticLockingFailureException | DuplicateKeyException e) {
                // A parallel ingest of the same new actor or event: its commit makes the retry a match.
                if (attempt == ATTEMPTS) throw e;
                pause(attempt);
            } catch (DataIntegrityViolationException e) {
                throw rejected(e);
            }
        }
    }

    /**
     * What became of one document of a batch: a result, or the problems that kept it out. For a document
     * that was stored exactly like this already, the actor and event resolutions carry ID 0: a batch
     * does not look them up.
     */
    public record BatchItem(IngestResult result, List<IngestProblem> problems) {
        public boolean failed() {
            return result == null;
        }
    }

    /**
     * Writes many documents in one transaction, each under a savepoint of its own: an invalid or rejected
     * document is rolled back alone and reported, the others land. With {@code stopAtFailure} the batch
     * ends at the first failure (what came before it is committed). The returned list has one item per
     * document processed, in order.
     */
    public List<BatchItem> ingestBatch(List<ArticleDocument> documents, boolean stopAtFailure) {
        return ingestBatch(prepare(documents), stopAtFailure);
    }

    /**
     * Documents checked and hashed ahead of their batch: {@code hashes} (the content hash of each, in order) is null
     * when any of them is invalid (the batch is then written one article at a time, each checked again).
     */
    public record PreparedBatch(List<ArticleDocument> documents, List<String> hashes) {}

    /**
     * Checks and hashes the documents of a batch without touching the database, so that the bulk import can prepare
     * the next batch on a thread of its own while this one is written ({@link ArticleImporter}).
     */
    public PreparedBatch prepare(List<ArticleDocument> documents) {
        return writer.prepare(documents);
    }

    /** {@link #ingestBatch(List, boolean)} of a batch prepared already ({@link #prepare}). */
    public List<BatchItem> ingestBatch(PreparedBatch batch, boolean stopAtFailure) {
        var documents = batch.documents();
        try {
            try {
                // Optimistic: every document valid and accepted, no savepoints needed (two round trips less
                // per article). Any failure rolls the batch back and it runs again with savepoints.
                return transaction.execute(status -> {
                    commitWithoutWaitingForDisk();
                    return publishedItems(linked(writer.writeBatch(batch).stream()
                            .map(result -> new BatchItem(result, List.of()))
                            .toList()));
                });
            } catch (DuplicateKeyException e) {
                throw e; // a race, handled below
            } catch (BatchFailed | InvalidDocumentException | DataIntegrityViolationException e) {
                log.debug(
                        "Batch of {} articles written again one article at a time: {}", documents.size(), e.toString());
                return transaction.execute(status -> {
                    commitWithoutWaitingForDisk();
                    return publishedItems(linked(writeBatch(documents, stopAtFailure)));
                });
            }
        } catch (PessimisticLockingFailureException | DuplicateKeyException e) {
            // Lost a race with another writer: fall back to one retried transaction per document.
            var items = new ArrayList<BatchItem>();
            for (var document : documents) {
                BatchItem item;
                try {
                    item = one(() -> ingest(document));
                } catch (PessimisticLockingFailureException | DuplicateKeyException race) {
                    item = new BatchItem(
                            null,
                            List.of(new IngestProblem(
                                    "", "CONFLICT", "parallel writers kept colliding with this document; retry it")));
                }
                items.add(item);
                if (item.failed() && stopAtFailure) break;
            }
            return items;
        }
    }

    /** Names a created or updated article to the outbox, which publishes it (and its new statements) at commit. */
    private IngestResult published(IngestResult result) {
        if (result.outcome() != Outcome.UNCHANGED) {
            changes.articleWritten(result.articleId(), result.outcome() == Outcome.CREATED);
        }
        return result;
    }

    private List<BatchItem> publishedItems(List<BatchItem> items) {
        for (var item : items) {
            if (!item.failed()) published(item.result());
        }
        return items;
    }

    /**
     * A batch commits without waiting for its WAL to reach the disk ({@code synchronous_commit = off}, this
     * transaction only): a crash can lose the last batches committed (never part of one, never corrupt), and
     * an import is re-run to recover them, idempotent by URL. {@link #awaitDurable} ends an import with a
     * commit that does wait, which makes every batch before it durable too.
     */
    private void commitWithoutWaitingForDisk() {
        jdbc.sql("set local synchronous_commit = off").update();
    }

    /** Returns once every batch committed so far is on disk (a synchronous commit flushes the WAL up to it). */
    public void awaitDurable() {
        transaction.execute(
                status -> jdbc.sql("select txid_current()").query(Long.class).single());
    }

    /**
     * Links the statements of what was written to utterances, in the same transaction ({@link UtteranceLinker}); then
     * adds the new articles to the rollups ({@link DeferredRollups}: their rows stay locked from here to the commit).
     */
    private IngestResult linked(IngestResult result) {
        if (result.outcome() != Outcome.UNCHANGED) utterances.linkArticles(List.of(result.articleId()));
        rollups.apply();
        return result;
    }

    private List<BatchItem> linked(List<BatchItem> items) {
        utterances.linkArticles(items.stream()
                .filter(i -> !i.failed() && i.result().outcome() != Outcome.UNCHANGED)
                .map(i -> i.result().articleId())
                .toList());
        rollups.apply();
        return items;
    }

    private List<BatchItem> writeBatch(List<ArticleDocument> documents, boolean stopAtFailure) {
        var items = new ArrayList<BatchItem>(documents.size());
        for (var document : documents) {
            var problems = DocumentValidator.validate(document);
            BatchItem item;
            if (!problems.isEmpty()) {
                item = new BatchItem(null, problems);
            } else {
                item = one(() -> savepoint.execute(status -> writer.write(document)));
            }
            items.add(item);
            if (item.failed() && stopAtFailure) break;
        }
        return items;
    }

    private static BatchItem one(java.util.function.Supplier<IngestResult> work) {
        try {
            return new BatchItem(work.get(), List.of());
        } catch (InvalidDocumentException e) {
            return new BatchItem(null, e.problems());
        } catch (DuplicateKeyException e) {
            throw e; // a race with a parallel writer, not a problem of the document
        } catch (DataIntegrityViolationException e) {
            return new BatchItem(null, rejected(e).problems());
        }
    }

    /** The database refused a row that validation let through (e.g. a date out of PostgreSQL's range). */
    static InvalidDocumentException rejected(DataAccessException e) {
        var cause = e.getMostSpecificCause().getMessage();
        var firstLine = cause == null
                ? "constraint violated"
                : cause.lines().findFirst().orElse(cause);
        return new InvalidDocumentException(List.of(
                new IngestProblem("", "REJECTED_BY_DATABASE", "the database rejected the document: " + firstLine)));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** newsgraph_name_key() of every text, in order (see {@link NameKeys}). */
    List<String> nameKeys(List<String> texts) {
        return nameKeys.nameKeys(texts);
    }

    /** How many articles were written set-based (committed or not): lets tests see which path ran. */
    long setBasedArticles() {
        return writer.setBasedArticles();
    }
}
