package org.newsgraph.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.ingest.IngestResult.Resolution;
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
import tools.jackson.databind.json.JsonMapper;

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
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final NameKeys nameKeys;
    private final ArticleIngest articleIngest;
    private final SetBasedBatch setBased;
    private final UtteranceLinker utterances;

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
        this.json = JsonMapper.builder().build();
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.nameKeys = new NameKeys(jdbc);
        this.articleIngest = new ArticleIngest(jdbc);
        var gazetteer = Gazetteer.standard();
        this.setBased = new SetBasedBatch(
                jdbc, template, nameKeys, new ActorScorer(gazetteer), new EventScorer(gazetteer), thresholds);
        this.details = new ReportDetailsWriter(jdbc);
        this.utterances = new UtteranceLinker(jdbc);
    }

    private final ReportDetailsWriter details;

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
            return savepoint.execute(status -> published(linked(write(document))));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> published(linked(write(document))));
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
        try {
            try {
                // Optimistic: every document valid and accepted, no savepoints needed (two round trips less
                // per article). Any failure rolls the batch back and it runs again with savepoints.
                return transaction.execute(status -> {
                    commitWithoutWaitingForDisk();
                    return publishedItems(linked(writeBatchOptimistically(documents)));
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

    private List<BatchItem> writeBatchOptimistically(List<ArticleDocument> documents) {
        var items = new ArrayList<BatchItem>(documents.size());
        for (var document : documents) {
            if (!DocumentValidator.validate(document).isEmpty()) throw new BatchFailed();
        }
        // One look-up for the whole batch finds the documents stored exactly like this already: they are
        // skipped without touching anything else (a re-import costs one query per batch).
        var hashes = documents.stream().map(this::contentHash).toList();
        var stored = new HashMap<String, Object[]>();
        jdbc.sql("select url, id, content_hash from articles where url = any(?::text[])")
                .param(documents.stream().map(ArticleDocument::canonicalUrl).toArray(String[]::new))
                .query((rs, n) -> stored.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3)}))
                .list();
        // New articles (URL not stored, first of its URL in the batch) are written set-based, a run of them at
        // a time; a changed article or a repeated URL goes through the one-article path, in its place in the
        // batch, so that every article sees what the articles before it wrote.
        var results = new IngestResult[documents.size()];
        var run = new ArrayList<Integer>();
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < documents.size(); i++) {
            var document = documents.get(i);
            var row = stored.get(document.canonicalUrl());
            boolean firstOfUrl = seen.add(document.canonicalUrl());
            if (firstOfUrl && row != null && hashes.get(i).equals(row[1])) {
                results[i] = unchangedWithoutLookup(document, (Long) row[0]);
            } else if (firstOfUrl && row == null) {
                run.add(i);
            } else {
                setBased.writeNewArticles(documents, hashes, run, results);
                run.clear();
                results[i] = write(document, hashes.get(i));
            }
        }
        setBased.writeNewArticles(documents, hashes, run, results);
        for (var result : results) items.add(new BatchItem(result, List.of()));
        return items;
    }

    /** Links the statements of what was written to utterances, in the same transaction ({@link UtteranceLinker}). */
    private IngestResult linked(IngestResult result) {
        if (result.outcome() != Outcome.UNCHANGED) utterances.linkArticles(List.of(result.articleId()));
        return result;
    }

    private List<BatchItem> linked(List<BatchItem> items) {
        utterances.linkArticles(items.stream()
                .filter(i -> !i.failed() && i.result().outcome() != Outcome.UNCHANGED)
                .map(i -> i.result().articleId())
                .toList());
        return items;
    }

    /** An unchanged document of a batch: its refs are reported as matched, with ID 0 (they were not looked up). */
    private static IngestResult unchangedWithoutLookup(ArticleDocument document, long articleId) {
        return new IngestResult(
                articleId,
                Outcome.UNCHANGED,
                document.actors().stream()
                        .map(a -> new Resolution(a.ref(), 0, Match.MATCHED))
                        .toList(),
                document.events().stream()
                        .map(e -> new Resolution(e.ref(), 0, Match.MATCHED))
                        .toList(),
                document.statements().size());
    }

    private List<BatchItem> writeBatch(List<ArticleDocument> documents, boolean stopAtFailure) {
        var items = new ArrayList<BatchItem>(documents.size());
        for (var document : documents) {
            var problems = DocumentValidator.validate(document);
            BatchItem item;
            if (!problems.isEmpty()) {
                item = new BatchItem(null, problems);
            } else {
                item = one(() -> savepoint.execute(status -> write(document)));
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

    private IngestResult write(ArticleDocument document) {
        return write(document, contentHash(document));
    }

    IngestResult write(ArticleDocument document, String hash) {
        var existing = jdbc.sql("select id, content_hash from articles where url = ?")
                .param(document.canonicalUrl())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();
        boolean unchanged = existing.isPresent() && hash.equals(existing.get()[1]);
        if (unchanged) {
            // Seen exactly like this before: only look up what the refs resolve to, write nothing (so a
            // re-import is cheap, and a correction an editor made since is not overwritten).
            var result = resolveWithoutWriting(document, (Long) existing.get()[0]);
            if (result != null) return result;
        }
        if (existing.isEmpty()) return setBased.writeNewArticle(document, hash);

        var run = setBased.resolve(List.of(document), List.of(hash));
        var resolved = run.resolved().get(0);
        var actorResolutions = List.of(run.actors().get(0));
        var eventResolutions = List.of(run.events().get(0));
        long articleId = (Long) existing.get()[0];
        if (unchanged) {
            return new IngestResult(
                    articleId,
                    Outcome.UNCHANGED,
                    actorResolutions,
                    eventResolutions,
                    document.statements().size());
        }
        articleId = articleIngest.upsertArticle(document, hash, resolved.actors());
        articleIngest.writeContributors(articleId, document, resolved.actors(), false);
        articleIngest.writeArticleEvents(articleId, resolved.events().values(), false);
        articleIngest.writeStatements(articleId, document, resolved.actors(), resolved.events(), false);
        details.write(List.of(
                ReportDetailsWriter.Written.of(articleId, false, document, resolved.actors(), resolved.events())));
        setBased.insertDecisions(run, articleId);
        return new IngestResult(
                articleId,
                Outcome.UPDATED,
                actorResolutions,
                eventResolutions,
                document.statements().size());
    }

    /** The result of an unchanged document, or null if some actor or event of it is not stored (any more). */
    private IngestResult resolveWithoutWriting(ArticleDocument document, long articleId) {
        var plan = setBased.plan(List.of(document));
        if (!plan.actorInserts.isEmpty() || !plan.events.eventInserts.isEmpty()) return null;
        var article = plan.plans.get(0);
        return new IngestResult(
                articleId,
                Outcome.UNCHANGED,
                List.of(article.actors()),
                List.of(article.events()),
                document.statements().size());
    }

    /** How many articles were written set-based (committed or not): lets tests see which path ran. */
    long setBasedArticles() {
        return setBased.setBasedArticles();
    }

    /** newsgraph_name_key() of every text, in order (see {@link NameKeys}). */
    List<String> nameKeys(List<String> texts) {
        return nameKeys.nameKeys(texts);
    }

    private String contentHash(ArticleDocument document) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
