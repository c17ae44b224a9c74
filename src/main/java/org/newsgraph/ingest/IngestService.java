package org.newsgraph.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.ingest.IngestResult.Resolution;
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
 * are written with one statement per table for all of them ({@link #writeNewArticles}), with the same
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

    /**
     * Where the statements that complete actors and link events go: executed at once (one article), or
     * collected and sent as JDBC batches (the new articles of an import batch, see {@link #batchedWrites}).
     */
    interface Writes {
        void update(String sql, Object... params);

        /** An article's participants: event IDs, actor IDs, roles, represented actor IDs, notes. */
        default void participants(Long[] events, Long[] actors, String[] roles, Long[] represents, String[] notes) {
            // As for affiliations: rows that stay as they are are neither updated nor locked.
            update(PARTICIPANTS, events, actors, roles, represents, notes);
        }
    }

    private final Writes direct;

    public IngestService(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = JsonMapper.builder().build();
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.direct = (sql, params) -> jdbc.sql(sql).params(params).update();
        this.details = new ReportDetailsWriter(jdbc);
    }

    private final ReportDetailsWriter details;

    private static ReportDetailsWriter.Written written(
            long articleId,
            boolean isNew,
            ArticleDocument document,
            Map<String, Resolution> actors,
            Map<String, Resolution> events) {
        return new ReportDetailsWriter.Written(
                articleId,
                isNew,
                document,
                ref -> actors.get(ref) == null ? null : actors.get(ref).id(),
                ref -> events.get(ref) == null ? null : events.get(ref).id());
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
            return savepoint.execute(status -> write(document));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> write(document));
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
                    return writeBatchOptimistically(documents);
                });
            } catch (DuplicateKeyException e) {
                throw e; // a race, handled below
            } catch (BatchFailed | InvalidDocumentException | DataIntegrityViolationException e) {
                log.debug(
                        "Batch of {} articles written again one article at a time: {}", documents.size(), e.toString());
                return transaction.execute(status -> {
                    commitWithoutWaitingForDisk();
                    return writeBatch(documents, stopAtFailure);
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

    private static final class BatchFailed extends RuntimeException {
        BatchFailed() {
            super(null, null, false, false);
        }
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
                .param(documents.stream().map(ArticleDocument::url).toArray(String[]::new))
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
            var row = stored.get(document.url());
            boolean firstOfUrl = seen.add(document.url());
            if (firstOfUrl && row != null && hashes.get(i).equals(row[1])) {
                results[i] = unchangedWithoutLookup(document, (Long) row[0]);
            } else if (firstOfUrl && row == null) {
                run.add(i);
            } else {
                writeNewArticles(documents, hashes, run, results);
                run.clear();
                results[i] = write(document, hashes.get(i));
            }
        }
        writeNewArticles(documents, hashes, run, results);
        for (var result : results) items.add(new BatchItem(result, List.of()));
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

    private IngestResult write(ArticleDocument document, String hash) {
        var existing = jdbc.sql("select id, content_hash from articles where url = ?")
                .param(document.url())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();

        if (existing.isPresent() && hash.equals(existing.get()[1])) {
            // Seen exactly like this before: only look up what the refs resolve to, write nothing (so a
            // re-import is cheap, and a correction an editor made since is not overwritten).
            var unchanged = resolveWithoutWriting(document, (Long) existing.get()[0]);
            if (unchanged != null) return unchanged;
        }

        var actorResolutions = resolveActors(document);
        Map<String, Resolution> actors = new HashMap<>();
        actorResolutions.forEach(r -> actors.put(r.ref(), r));
        writeAffiliations(direct, document, actors);

        var eventResolutions = resolveEvents(document);
        Map<String, Resolution> events = new HashMap<>();
        eventResolutions.forEach(r -> events.put(r.ref(), r));
        linkEvents(direct, document, events, actors);

        if (existing.isPresent() && hash.equals(existing.get()[1])) {
            return new IngestResult(
                    (Long) existing.get()[0],
                    Outcome.UNCHANGED,
                    actorResolutions,
                    eventResolutions,
                    document.statements().size());
        }
        if (existing.isEmpty()) {
            long articleId = insertNewArticle(document, hash, actors, events);
            details.write(List.of(written(articleId, true, document, actors, events)));
            return new IngestResult(
                    articleId,
                    Outcome.CREATED,
                    actorResolutions,
                    eventResolutions,
                    document.statements().size());
        }
        long articleId = upsertArticle(document, hash, actors);
        boolean isNew = false;
        writeContributors(articleId, document, actors, isNew);
        writeArticleEvents(articleId, events.values(), isNew);
        writeStatements(articleId, document, actors, events, isNew);
        details.write(List.of(written(articleId, isNew, document, actors, events)));
        return new IngestResult(
                articleId,
                isNew ? Outcome.CREATED : Outcome.UPDATED,
                actorResolutions,
                eventResolutions,
                document.statements().size());
    }

    /** The result of an unchanged document, or null if some actor or event of it is not stored (any more). */
    private IngestResult resolveWithoutWriting(ArticleDocument document, long articleId) {
        var keys = actorKeys(document);
        var actorIds = document.actors().isEmpty() ? new Long[0] : match(keys, i -> true);
        var eventIds = document.events().isEmpty() ? new Long[0] : findEvents(document.events(), i -> true);
        var actors = new ArrayList<Resolution>();
        for (int i = 0; i < actorIds.length; i++) {
            if (actorIds[i] == null) return null;
            actors.add(new Resolution(document.actors().get(i).ref(), actorIds[i], Match.MATCHED));
        }
        var events = new ArrayList<Resolution>();
        for (int i = 0; i < eventIds.length; i++) {
            if (eventIds[i] == null) return null;
            events.add(new Resolution(document.events().get(i).ref(), eventIds[i], Match.MATCHED));
        }
        return new IngestResult(
                articleId,
                Outcome.UNCHANGED,
                actors,
                events,
                document.statements().size());
    }

    // ---------------------------------------------------------------- new articles of a batch, set-based

    /**
     * Writes new articles (their URLs not stored) with a few statements for all of them instead of ~11 per
     * article: one look-up of names, one of the actors and one of the events they can match, the actor and
     * event resolution in memory ({@link BatchResolver}, same outcome as one by one), one insert of the new
     * actors, one of the new events, the completing statements of every article as JDBC batches (the same
     * statements as one by one, one round trip per kind), and one insert of all articles, statements and
     * links. Any database error rolls the whole batch back; {@link #ingestBatch} then writes it one article
     * at a time, so that only the bad article fails.
     */
    private void writeNewArticles(
            List<ArticleDocument> documents, List<String> hashes, List<Integer> run, IngestResult[] results) {
        if (run.isEmpty()) return;
        var docs = run.stream().map(documents::get).toList();

        // Every name, alias and event title through newsgraph_name_key() in one round trip.
        var texts = new ArrayList<String>();
        for (var d : docs) {
            for (var actor : d.actors()) {
                texts.add(actor.name());
                texts.addAll(actor.aliases());
            }
            for (var event : d.events()) texts.add(event.title());
        }
        var folded = nameKeys(texts).iterator();
        var actorKeys = new ArrayList<List<ActorKey>>();
        var titleKeys = new ArrayList<List<String>>();
        for (var d : docs) {
            actorKeys.add(actorKeys(d, folded));
            var titles = new ArrayList<String>();
            for (int e = 0; e < d.events().size(); e++) titles.add(folded.next());
            titleKeys.add(titles);
        }

        BatchResolver resolver;
        try {
            resolver = new BatchResolver(storedActors(actorKeys), storedEvents(docs, titleKeys));
            for (int k = 0; k < docs.size(); k++)
                resolver.resolve(actorKeys.get(k), docs.get(k).events(), titleKeys.get(k));
        } catch (BatchResolver.Unmodeled e) {
            log.debug("{} new articles written one at a time: {}", run.size(), e.getMessage());
            for (int i : run) results[i] = write(documents.get(i), hashes.get(i));
            return;
        }
        var realActors = insertActors(resolver.actorInserts);
        var realEvents = insertEvents(resolver.eventInserts);
        completeActors(resolver, realActors);

        var writes = new BatchedWrites();
        var resolved = new ArrayList<Resolved>();
        for (int k = 0; k < docs.size(); k++) {
            var d = docs.get(k);
            var plan = resolver.plans.get(k);
            var actorResolutions = real(plan.actors(), realActors);
            var eventResolutions = real(plan.events(), realEvents);
            Map<String, Resolution> actors = new HashMap<>();
            for (var r : actorResolutions) actors.put(r.ref(), r);
            Map<String, Resolution> events = new HashMap<>();
            for (var r : eventResolutions) events.put(r.ref(), r);
            writes.nextArticle();
            writeAffiliations(writes, d, actors);
            if (plan.eventsChange()) {
                var ids = new Long[plan.eventIds().length];
                for (int e = 0; e < ids.length; e++)
                    ids[e] = plan.eventIds()[e] == null ? null : real(plan.eventIds()[e], realEvents);
                updateMatchedEvents(writes, d.events(), plan.matchedEvents(), ids);
            }
            linkEvents(writes, d, events, actors);
            resolved.add(new Resolved(d, hashes.get(run.get(k)), actors, events));
        }
        writes.flush();

        var articleIds = insertNewArticles(resolved);
        var written = new ArrayList<ReportDetailsWriter.Written>();
        for (int k = 0; k < resolved.size(); k++) {
            var r = resolved.get(k);
            written.add(written(articleIds[k], true, r.document(), r.actors(), r.events()));
        }
        details.write(written);
        setBasedArticles.addAndGet(docs.size());
        for (int k = 0; k < docs.size(); k++) {
            var plan = resolver.plans.get(k);
            results[run.get(k)] = new IngestResult(
                    articleIds[k],
                    Outcome.CREATED,
                    List.of(real(plan.actors(), realActors)),
                    List.of(real(plan.events(), realEvents)),
                    docs.get(k).statements().size());
        }
    }

    private final java.util.concurrent.atomic.AtomicLong setBasedArticles =
            new java.util.concurrent.atomic.AtomicLong();

    /** How many articles were written set-based (committed or not): lets tests see which path ran. */
    long setBasedArticles() {
        return setBasedArticles.get();
    }

    /**
     * What {@link #completeActors} does article by article, for the whole run in two statements: the
     * resolution worked out which actors gain a Wikidata ID or description and which aliases are new.
     */
    private void completeActors(BatchResolver resolver, Map<Long, Long> realActors) {
        var fills = new java.util.LinkedHashMap<Long, String[]>();
        for (var fill : resolver.actorFills) {
            // Each field is filled at most once (it is not null afterwards): merging loses nothing.
            var merged = fills.computeIfAbsent(real(fill.actorId(), realActors), id -> new String[2]);
            if (merged[0] == null) merged[0] = fill.wikidataId();
            if (merged[1] == null) merged[1] = fill.description();
        }
        if (!fills.isEmpty()) {
            jdbc.sql("""
                    update actors a set wikidata_id = coalesce(u.wikidata_id, a.wikidata_id),
                                        description = coalesce(u.description, a.description), updated_at = now()
                    from unnest(?::bigint[], ?::text[], ?::text[]) as u(id, wikidata_id, description)
                    where a.id = u.id""")
                    .param(fills.keySet().toArray(Long[]::new))
                    .param(fills.values().stream().map(f -> f[0]).toArray(String[]::new))
                    .param(fills.values().stream().map(f -> f[1]).toArray(String[]::new))
                    .update();
        }
        if (!resolver.aliasInserts.isEmpty()) {
            jdbc.sql("""
                    insert into actor_aliases (actor_id, alias)
                    select * from unnest(?::bigint[], ?::text[]) on conflict do nothing""")
                    .param(resolver.aliasInserts.stream()
                            .map(a -> real(a.actorId(), realActors))
                            .toArray(Long[]::new))
                    .param(resolver.aliasInserts.stream()
                            .map(BatchResolver.AliasInsert::alias)
                            .toArray(String[]::new))
                    .update();
        }
    }

    /** A new article with the IDs its refs resolved to. */
    private record Resolved(
            ArticleDocument document, String hash, Map<String, Resolution> actors, Map<String, Resolution> events) {}

    /** Statements collected per SQL text and sent as one JDBC batch each, in the order first seen. */
    private final class BatchedWrites implements Writes {
        private final Map<String, List<Object[]>> bySql = new java.util.LinkedHashMap<>();
        private int article = -1;
        private final List<Integer> participantArticle = new ArrayList<>();
        private final List<Long> participantEvents = new ArrayList<>();
        private final List<Long> participantActors = new ArrayList<>();
        private final List<String> participantRoles = new ArrayList<>();
        private final List<Long> participantRepresents = new ArrayList<>();
        private final List<String> participantNotes = new ArrayList<>();

        /** The statements that follow are the next article's. */
        void nextArticle() {
            article++;
        }

        @Override
        public void update(String sql, Object... params) {
            bySql.computeIfAbsent(sql, k -> new ArrayList<>()).add(params);
        }

        @Override
        public void participants(Long[] events, Long[] actors, String[] roles, Long[] represents, String[] notes) {
            for (int i = 0; i < events.length; i++) {
                participantArticle.add(article);
                participantEvents.add(events[i]);
                participantActors.add(actors[i]);
                participantRoles.add(roles[i]);
                participantRepresents.add(represents[i]);
                participantNotes.add(notes[i]);
            }
        }

        /**
         * The participants of all articles in two statements with the outcome of {@link #PARTICIPANTS} per
         * article in turn: every article's rows (one per event, actor and role, as there) are offered for
         * insert in article order (a row that exists uses up an ID as it does there); then each row takes
         * the last represented actor and note that any article gave.
         */
        private void writeParticipants() {
            if (participantArticle.isEmpty()) return;
            var picked = """
                    select distinct on (k, event_id, actor_id, role) *
                    from unnest(?::int[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                         as t(k, event_id, actor_id, role, represents_id, note)
                    order by k, event_id, actor_id, role, represents_id nulls last, note nulls last""";
            var params = List.<Object>of(
                    participantArticle.toArray(Integer[]::new),
                    participantEvents.toArray(Long[]::new),
                    participantActors.toArray(Long[]::new),
                    participantRoles.toArray(String[]::new),
                    participantRepresents.toArray(Long[]::new),
                    participantNotes.toArray(String[]::new));
            jdbc.sql("""
                    insert into event_participants (event_id, actor_id, role, represents_id, note)
                    select event_id, actor_id, role, represents_id, note from (%s) picked
                    order by k, event_id, actor_id, role
                    on conflict (event_id, actor_id, role) do nothing""".formatted(picked)).params(params).update();
            jdbc.sql("""
                    with picked as (%s),
                    latest as (
                        select event_id, actor_id, role,
                               (array_agg(represents_id order by k desc) filter (where represents_id is not null))[1]
                                   as represents_id,
                               (array_agg(note order by k desc) filter (where note is not null))[1] as note
                        from picked group by event_id, actor_id, role)
                    update event_participants p set
                        represents_id = coalesce(l.represents_id, p.represents_id), note = coalesce(l.note, p.note)
                    from latest l
                    where p.event_id = l.event_id and p.actor_id = l.actor_id and p.role = l.role
                      and (p.represents_id, p.note) is distinct from
                          (coalesce(l.represents_id, p.represents_id), coalesce(l.note, p.note))""".formatted(picked)).params(params).update();
        }

        // Each kind of statement touches its own tables and columns (actors and aliases; affiliations; the
        // fields of matched events; their parents; participants; relations), so running all of one kind
        // before the next leaves the same rows as running each article's statements in turn.
        void flush() {
            bySql.forEach((sql, rows) -> template.batchUpdate(sql, rows));
            writeParticipants();
        }
    }

    private static long real(long id, Map<Long, Long> realIds) {
        if (id < BatchResolver.VIRTUAL) return id;
        var real = realIds.get(id);
        if (real == null) throw new IllegalStateException("no row inserted for placeholder " + id);
        return real;
    }

    private static Resolution[] real(Resolution[] resolutions, Map<Long, Long> realIds) {
        var out = new Resolution[resolutions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Resolution(resolutions[i].ref(), real(resolutions[i].id(), realIds), resolutions[i].match());
        }
        return out;
    }

    /** The stored actors that any key, name or alias or Wikidata ID of the run can match, with their matching aliases. */
    private List<BatchResolver.StoredActor> storedActors(List<List<ActorKey>> actorKeys) {
        var keys = new java.util.HashSet<String>();
        var wikidata = new java.util.HashSet<String>();
        for (var article : actorKeys) {
            for (var key : article) {
                keys.add(key.key());
                keys.addAll(key.aliasKeys());
                keys.addAll(key.foldedAliases());
                if (key.actor().wikidataId() != null) wikidata.add(key.actor().wikidataId());
            }
        }
        var keyArray = keys.toArray(String[]::new);
        return jdbc.sql("""
                select a.id, a.kind, a.name_key, a.wikidata_id, a.description is not null, null as alias_key from actors a
                where a.name_key = any(?::text[]) or a.wikidata_id = any(?::text[])
                union all
                select a.id, a.kind, a.name_key, a.wikidata_id, a.description is not null, al.alias_key
                from actor_aliases al join actors a on a.id = al.actor_id
                where al.alias_key = any(?::text[])""")
                .param(keyArray)
                .param(wikidata.toArray(String[]::new))
                .param(keyArray)
                .query((rs, n) -> new BatchResolver.StoredActor(
                        rs.getLong(1),
                        ActorKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6)))
                .list();
    }

    /** The stored events that any external key or (title, start) of the run can match. */
    private List<BatchResolver.StoredEvent> storedEvents(List<ArticleDocument> docs, List<List<String>> titleKeys) {
        var externalKeys = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var starts = new ArrayList<String>();
        for (int k = 0; k < docs.size(); k++) {
            var events = docs.get(k).events();
            for (int e = 0; e < events.size(); e++) {
                if (events.get(e).externalKey() != null)
                    externalKeys.add(events.get(e).externalKey());
                titles.add(titleKeys.get(k).get(e));
                starts.add(
                        events.get(e).startsOn() == null
                                ? null
                                : events.get(e).startsOn().toString());
            }
        }
        if (titles.isEmpty()) return List.of();
        return jdbc.sql("""
                select e.id, e.title_key, e.kind, e.title, e.status, e.description, e.starts_on, e.starts_on_precision,
                       e.ends_on, e.ends_on_precision, e.location, e.external_key
                from events e where e.external_key = any(?::text[])
                union
                select e.id, e.title_key, e.kind, e.title, e.status, e.description, e.starts_on, e.starts_on_precision,
                       e.ends_on, e.ends_on_precision, e.location, e.external_key
                from unnest(?::text[], ?::date[]) as u(title_key, starts_on)
                join events e on e.title_key = u.title_key
                 and coalesce(e.starts_on, 'infinity'::date) = coalesce(u.starts_on, 'infinity'::date)""")
                .param(externalKeys.toArray(String[]::new))
                .param(titles.toArray(String[]::new))
                .param(starts.toArray(String[]::new))
                .query((rs, n) -> new BatchResolver.StoredEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, java.time.LocalDate.class),
                        rs.getString(8),
                        rs.getObject(9, java.time.LocalDate.class),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12)))
                .list();
    }

    /**
     * Inserts the run's new actors in the order one-by-one ingests would (so they get the same IDs), including
     * the rows that conflict with an earlier one (they use up an ID there too). Returns placeholder -> real ID.
     */
    private Map<Long, Long> insertActors(List<BatchResolver.ActorInsert> inserts) {
        var realIds = new HashMap<Long, Long>();
        if (inserts.isEmpty()) return realIds;
        var byKey = new HashMap<String, Long>();
        jdbc.sql("""
                insert into actors (kind, name, description, wikidata_id, name_key)
                select kind, name, description, wikidata_id, name_key
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     with ordinality as u(kind, name, description, wikidata_id, name_key, n)
                order by n
                on conflict do nothing
                returning name_key, id""")
                .param(inserts.stream().map(r -> r.key().actor().kind().name()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.key().actor().name()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.key().actor().description()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.key().actor().wikidataId()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.key().key()).toArray(String[]::new))
                .query((rs, n) -> byKey.put(rs.getString(1), rs.getLong(2)))
                .list();
        for (var insert : inserts) {
            if (insert.virtualId() == 0) continue;
            var id = byKey.remove(insert.key().key());
            // Not inserted: a parallel writer created it since the look-up; the batch is retried one by one.
            if (id == null)
                throw new DuplicateKeyException("actor " + insert.key().key() + " was created by a parallel writer");
            realIds.put(insert.virtualId(), id);
        }
        if (!byKey.isEmpty()) throw new BatchFailed(); // a row the resolution expected to conflict: not modeled
        return realIds;
    }

    /** As {@link #insertActors}, for events. */
    private Map<Long, Long> insertEvents(List<BatchResolver.EventInsert> inserts) {
        var realIds = new HashMap<Long, Long>();
        if (inserts.isEmpty()) return realIds;
        var byKey = new HashMap<String, Long>();
        jdbc.sql("""
                insert into events (kind, title, status, description, starts_on, starts_on_precision, ends_on,
                                    ends_on_precision, location, external_key)
                select kind, title, status, description, starts_on, starts_on_precision, ends_on, ends_on_precision,
                       location, external_key
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[], ?::date[], ?::text[],
                            ?::text[], ?::text[])
                     with ordinality as u(kind, title, status, description, starts_on, starts_on_precision, ends_on,
                                          ends_on_precision, location, external_key, n)
                order by n
                on conflict do nothing
                returning id, external_key, title_key, starts_on""")
                .param(inserts.stream().map(r -> r.event().kind().name()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.event().title()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.event().status().name()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.event().description()).toArray(String[]::new))
                .param(inserts.stream().map(r -> string(r.event().startsOn())).toArray(String[]::new))
                .param(inserts.stream()
                        .map(r -> name(r.event().startsOnPrecision()))
                        .toArray(String[]::new))
                .param(inserts.stream().map(r -> string(r.event().endsOn())).toArray(String[]::new))
                .param(inserts.stream()
                        .map(r -> name(r.event().endsOnPrecision()))
                        .toArray(String[]::new))
                .param(inserts.stream().map(r -> r.event().location()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.event().externalKey()).toArray(String[]::new))
                .query((rs, n) -> byKey.put(eventKey(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(1)))
                .list();
        for (var insert : inserts) {
            if (insert.virtualId() == 0) continue;
            var event = insert.event();
            var id = byKey.remove(eventKey(event.externalKey(), insert.titleKey(), string(event.startsOn())));
            if (id == null)
                throw new DuplicateKeyException("event " + event.title() + " was created by a parallel writer");
            realIds.put(insert.virtualId(), id);
        }
        if (!byKey.isEmpty()) throw new BatchFailed();
        return realIds;
    }

    /** What identifies an inserted event: its external key, else its (title key, start) among events without one. */
    private static String eventKey(String externalKey, String titleKey, String startsOn) {
        return externalKey != null ? "K" + externalKey : "T" + startsOn + "|" + titleKey;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * All articles of the run with their bylines, events, statements and the statements' relays, mentions and
     * events in one statement; rows in article order, statements in position order (the IDs one-by-one
     * ingests would give). Returns the article IDs in run order.
     */
    private long[] insertNewArticles(List<Resolved> run) {
        var urls = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var publishers = new ArrayList<Long>();
        var published = new ArrayList<String>();
        var languages = new ArrayList<String>();
        var summaries = new ArrayList<String>();
        var bodies = new ArrayList<String>();
        var hashes = new ArrayList<String>();
        var bylineArticle = new ArrayList<Integer>();
        var bylineActors = new ArrayList<Long>();
        var bylineRoles = new ArrayList<String>();
        var bylinePositions = new ArrayList<Integer>();
        var eventArticle = new ArrayList<Integer>();
        var eventIds = new ArrayList<Long>();
        var statementArticle = new ArrayList<Integer>();
        var positions = new ArrayList<Integer>();
        var speakers = new ArrayList<Long>();
        var kinds = new ArrayList<String>();
        var texts = new ArrayList<String>();
        var cues = new ArrayList<String>();
        var channels = new ArrayList<String>();
        var dates = new ArrayList<String>();
        var precisions = new ArrayList<String>();
        var relayArticle = new ArrayList<Integer>();
        var relayStatement = new ArrayList<Integer>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionArticle = new ArrayList<Integer>();
        var mentionStatement = new ArrayList<Integer>();
        var mentionActors = new ArrayList<Long>();
        var linkArticle = new ArrayList<Integer>();
        var linkStatement = new ArrayList<Integer>();
        var linkEvents = new ArrayList<Long>();
        for (int k = 0; k < run.size(); k++) {
            var d = run.get(k).document();
            var actors = run.get(k).actors();
            var events = run.get(k).events();
            urls.add(d.url());
            titles.add(d.title());
            publishers.add(
                    d.publisher() == null ? null : actors.get(d.publisher()).id());
            published.add(
                    d.publishedAt() == null ? null : d.publishedAt().toInstant().toString());
            languages.add(d.language());
            summaries.add(d.summary());
            bodies.add(d.body());
            hashes.add(run.get(k).hash());
            var bylines = Bylines.of(d, actors);
            // Rows are made unique here (the first one wins, as ON CONFLICT DO NOTHING lets it): plain inserts
            // skip the conflict check of every row.
            var bylineKeys = new java.util.HashSet<String>();
            for (int b = 0; b < bylines.actorIds().length; b++) {
                if (!bylineKeys.add(bylines.actorIds()[b] + bylines.roles()[b])) continue;
                bylineArticle.add(k);
                bylineActors.add(bylines.actorIds()[b]);
                bylineRoles.add(bylines.roles()[b]);
                bylinePositions.add(bylines.positions()[b]);
            }
            for (var id :
                    events.values().stream().map(Resolution::id).distinct().toList()) {
                eventArticle.add(k);
                eventIds.add(id);
            }
            for (int i = 0; i < d.statements().size(); i++) {
                var s = d.statements().get(i);
                statementArticle.add(k);
                positions.add(i);
                speakers.add(actors.get(s.speaker()).id());
                kinds.add(s.kind().name());
                texts.add(s.text());
                cues.add(s.cue());
                channels.add(s.channel());
                dates.add(string(s.saidOn()));
                precisions.add(name(s.saidOnPrecision()));
                for (int r = 0; r < s.relayedVia().size(); r++) {
                    relayArticle.add(k);
                    relayStatement.add(i);
                    relayPositions.add(r);
                    relayActors.add(actors.get(s.relayedVia().get(r)).id());
                }
                for (var mentioned : s.mentions().stream()
                        .map(m -> actors.get(m).id())
                        .distinct()
                        .toList()) {
                    mentionArticle.add(k);
                    mentionStatement.add(i);
                    mentionActors.add(mentioned);
                }
                for (var event : s.events().stream()
                        .map(e -> events.get(e).id())
                        .distinct()
                        .toList()) {
                    linkArticle.add(k);
                    linkStatement.add(i);
                    linkEvents.add(event);
                }
            }
        }
        var ids = new long[run.size()];
        jdbc.sql("""
                with input as (
                    select * from unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[],
                                         ?::text[], ?::text[])
                         with ordinality as u(url, title, publisher_id, published_at, language, summary, body,
                                              content_hash, n)),
                a as (
                    insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                    select url, title, publisher_id, published_at, language, summary, body, content_hash
                    from input order by n
                    returning id, url),
                ids as (select input.n - 1 as k, a.id from a join input on input.url = a.url),
                c as (
                    insert into article_contributors (article_id, actor_id, role, position)
                    select ids.id, u.actor_id, u.role, u.position
                    from unnest(?::int[], ?::bigint[], ?::text[], ?::int[]) as u(k, actor_id, role, position)
                    join ids on ids.k = u.k),
                ae as (
                    insert into article_events (article_id, event_id)
                    select ids.id, u.event_id from unnest(?::int[], ?::bigint[]) as u(k, event_id) join ids on ids.k = u.k),
                s as (
                    insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on,
                                            said_on_precision)
                    select ids.id, u.position, u.speaker_id, u.kind, u.text, u.cue, u.channel, u.said_on, u.said_on_precision
                    from unnest(?::int[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[],
                                ?::text[])
                         with ordinality as u(k, position, speaker_id, kind, text, cue, channel, said_on,
                                              said_on_precision, n)
                    join ids on ids.k = u.k
                    order by u.n
                    returning article_id, position, id, said_on),
                r as (
                    insert into statement_relays (statement_id, position, actor_id)
                    select s.id, u.position, u.actor_id
                    from unnest(?::int[], ?::int[], ?::int[], ?::bigint[]) as u(k, statement_position, position, actor_id)
                    join ids on ids.k = u.k join s on s.article_id = ids.id and s.position = u.statement_position),
                m as (
                    insert into statement_mentions (statement_id, actor_id)
                    select s.id, u.actor_id
                    from unnest(?::int[], ?::int[], ?::bigint[]) as u(k, statement_position, actor_id)
                    join ids on ids.k = u.k join s on s.article_id = ids.id and s.position = u.statement_position),
                e as (
                    -- said_on_key: V53's copy of the statement's sort key, given here so the trigger need not look it up
                    insert into statement_events (statement_id, event_id, said_on_key)
                    select s.id, u.event_id, coalesce(s.said_on, '-infinity'::date)
                    from unnest(?::int[], ?::int[], ?::bigint[]) as u(k, statement_position, event_id)
                    join ids on ids.k = u.k join s on s.article_id = ids.id and s.position = u.statement_position)
                select k, id from ids""")
                .params(
                        urls.toArray(String[]::new),
                        titles.toArray(String[]::new),
                        publishers.toArray(Long[]::new),
                        published.toArray(String[]::new),
                        languages.toArray(String[]::new),
                        summaries.toArray(String[]::new),
                        bodies.toArray(String[]::new),
                        hashes.toArray(String[]::new),
                        bylineArticle.toArray(Integer[]::new),
                        bylineActors.toArray(Long[]::new),
                        bylineRoles.toArray(String[]::new),
                        bylinePositions.toArray(Integer[]::new),
                        eventArticle.toArray(Integer[]::new),
                        eventIds.toArray(Long[]::new),
                        statementArticle.toArray(Integer[]::new),
                        positions.toArray(Integer[]::new),
                        speakers.toArray(Long[]::new),
                        kinds.toArray(String[]::new),
                        texts.toArray(String[]::new),
                        cues.toArray(String[]::new),
                        channels.toArray(String[]::new),
                        dates.toArray(String[]::new),
                        precisions.toArray(String[]::new),
                        relayArticle.toArray(Integer[]::new),
                        relayStatement.toArray(Integer[]::new),
                        relayPositions.toArray(Integer[]::new),
                        relayActors.toArray(Long[]::new),
                        mentionArticle.toArray(Integer[]::new),
                        mentionStatement.toArray(Integer[]::new),
                        mentionActors.toArray(Long[]::new),
                        linkArticle.toArray(Integer[]::new),
                        linkStatement.toArray(Integer[]::new),
                        linkEvents.toArray(Long[]::new))
                .query((rs, n) -> ids[rs.getInt(1)] = rs.getLong(2))
                .list();
        return ids;
    }

    // ---------------------------------------------------------------- actors

    /** The key that identifies an actor: its name key, or for an unnamed source, the article and name. */
    /**
     * {@code aliasKeys} are what the actor is matched by (its name key and alias keys; none for an unnamed
     * source), {@code nameKey} and {@code foldedAliases} the keys of its name and of each alias.
     */
    record ActorKey(
            ArticleDocument.Actor actor,
            String key,
            List<String> aliasKeys,
            String nameKey,
            List<String> foldedAliases) {}

    private List<Resolution> resolveActors(ArticleDocument document) {
        var actors = document.actors();
        int n = actors.size();
        if (n == 0) return List.of();
        var keys = actorKeys(document);

        // 1. Look up every actor at once: Wikidata ID, then exact name key, then a name or alias of the
        //    document equal to a known name, then to a known alias; the oldest actor wins a tie.
        var found = match(keys, i -> true);

        // 2. Create the ones not found. ON CONFLICT DO NOTHING covers both unique keys (name key, Wikidata
        //    ID) and duplicates within the batch; whoever lost the race looks the winner up afterwards.
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) if (found[i] == null) missing.add(i);
        var created = new HashMap<String, Long>();
        if (!missing.isEmpty()) {
            // Insert in key order so that parallel ingests take the unique-index locks in the same order.
            missing.sort((a, b) -> keys.get(a).key().compareTo(keys.get(b).key()));
            jdbc.sql("""
                    insert into actors (kind, name, description, wikidata_id, name_key)
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    on conflict do nothing
                    returning name_key, id""")
                    .param(missing.stream()
                            .map(i -> actors.get(i).kind().name())
                            .toArray(String[]::new))
                    .param(missing.stream().map(i -> actors.get(i).name()).toArray(String[]::new))
                    .param(missing.stream()
                            .map(i -> actors.get(i).description())
                            .toArray(String[]::new))
                    .param(missing.stream().map(i -> actors.get(i).wikidataId()).toArray(String[]::new))
                    .param(missing.stream().map(i -> keys.get(i).key()).toArray(String[]::new))
                    .query((rs, row) -> created.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        var resolutions = new Resolution[n];
        var matched = new ArrayList<Integer>();
        var lostRace = new java.util.HashSet<Integer>();
        for (int i = 0; i < n; i++) {
            var ref = actors.get(i).ref();
            if (found[i] != null) {
                resolutions[i] = new Resolution(ref, found[i], Match.MATCHED);
                matched.add(i);
            } else if (created.containsKey(keys.get(i).key())) {
                long id = created.remove(keys.get(i).key());
                resolutions[i] = new Resolution(ref, id, Match.CREATED);
            } else {
                lostRace.add(i);
            }
        }
        if (!lostRace.isEmpty()) {
            var again = match(keys, lostRace::contains);
            for (int i : lostRace) {
                if (again[i] == null) {
                    throw new IllegalStateException("actor " + actors.get(i).name() + " was neither created nor found");
                }
                resolutions[i] = new Resolution(actors.get(i).ref(), again[i], Match.MATCHED);
                matched.add(i);
            }
        }
        completeActors(direct, matched, keys, resolutions);
        return List.of(resolutions);
    }

    private List<ActorKey> actorKeys(ArticleDocument document) {
        // Every name and alias through newsgraph_name_key() in one round trip.
        var texts = new ArrayList<String>();
        for (var actor : document.actors()) {
            texts.add(actor.name());
            texts.addAll(actor.aliases());
        }
        return actorKeys(document, nameKeys(texts).iterator());
    }

    /**
     * newsgraph_name_key() of every text, in order, in at most one round trip. The function is immutable, so
     * keys the database computed once are remembered: a feed names the same actors and events again and again.
     */
    List<String> nameKeys(List<String> texts) {
        var missing = new LinkedHashSet<String>();
        for (var text : texts) if (!nameKeyCache.containsKey(text)) missing.add(text);
        if (!missing.isEmpty()) {
            var computed = jdbc.sql(
                            "select newsgraph_name_key(t) from unnest(?::text[]) with ordinality as u(t, n) order by n")
                    .param(missing.toArray(String[]::new))
                    .query(String.class)
                    .list();
            if (nameKeyCache.size() + missing.size() > NAME_KEY_CACHE_SIZE) nameKeyCache.clear();
            var it = computed.iterator();
            for (var text : missing) nameKeyCache.put(text, it.next());
        }
        var keys = new ArrayList<String>(texts.size());
        for (var text : texts) {
            var key = nameKeyCache.get(text);
            // Cleared by a parallel batch in between: ask again (rare).
            keys.add(
                    key != null
                            ? key
                            : jdbc.sql("select newsgraph_name_key(?)")
                                    .param(text)
                                    .query(String.class)
                                    .single());
        }
        return keys;
    }

    private static final int NAME_KEY_CACHE_SIZE = 200_000;
    private final Map<String, String> nameKeyCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The keys of the document's actors, from the folded name and aliases of each actor in order. */
    static List<ActorKey> actorKeys(ArticleDocument document, java.util.Iterator<String> folded) {
        var keys = new ArrayList<ActorKey>();
        var problems = new ArrayList<IngestProblem>();
        for (int i = 0; i < document.actors().size(); i++) {
            var actor = document.actors().get(i);
            var nameKey = folded.next();
            var aliasKeys = new ArrayList<String>();
            aliasKeys.add(nameKey);
            for (int a = 0; a < actor.aliases().size(); a++) {
                var aliasKey = folded.next();
                if (aliasKey.isEmpty()) {
                    problems.add(new IngestProblem(
                            "actors[" + i + "].aliases[" + a + "]",
                            "INVALID",
                            "an alias needs at least one letter or digit"));
                }
                aliasKeys.add(aliasKey);
            }
            if (nameKey.isEmpty()) {
                problems.add(new IngestProblem(
                        "actors[" + i + "].name", "INVALID", "a name needs at least one letter or digit"));
            }
            var key = actor.kind() == ActorKind.UNNAMED_SOURCE
                    // An unnamed source is the same source only within one article.
                    ? "#" + document.url() + "#" + nameKey
                    : nameKey;
            keys.add(new ActorKey(
                    actor,
                    key,
                    actor.kind() == ActorKind.UNNAMED_SOURCE ? List.of() : aliasKeys,
                    nameKey,
                    aliasKeys.subList(1, aliasKeys.size())));
        }
        if (!problems.isEmpty()) throw new InvalidDocumentException(problems);
        return keys;
    }

    /** The ID each selected actor resolves to among the actors already stored, or null. */
    private Long[] match(List<ActorKey> keys, Predicate<Integer> selected) {
        var index = new ArrayList<Integer>();
        var wikidata = new ArrayList<String>();
        var nameKeys = new ArrayList<String>();
        var aliasIndex = new ArrayList<Integer>();
        var aliasKeys = new ArrayList<String>();
        for (int i = 0; i < keys.size(); i++) {
            if (!selected.test(i)) continue;
            index.add(i);
            wikidata.add(keys.get(i).actor().wikidataId());
            nameKeys.add(keys.get(i).key());
            for (var aliasKey : keys.get(i).aliasKeys()) {
                aliasIndex.add(i);
                aliasKeys.add(aliasKey);
            }
        }
        var result = new Long[keys.size()];
        jdbc.sql("""
                with input as (select * from unnest(?::int[], ?::text[], ?::text[]) as t(i, wikidata_id, name_key)),
                     names as (select * from unnest(?::int[], ?::text[]) as t(i, k))
                select input.i, (
                    select c.id from (
                        select a.id, 0 as rank from actors a where a.wikidata_id = input.wikidata_id
                        union all
                        select a.id, 1 from actors a where a.name_key = input.name_key
                        union all
                        select a.id, 2 from names join actors a on a.name_key = names.k
                        where names.i = input.i and a.kind <> 'UNNAMED_SOURCE'
                        union all
                        select a.id, 3 from names join actor_aliases al on al.alias_key = names.k
                             join actors a on a.id = al.actor_id
                        where names.i = input.i and a.kind <> 'UNNAMED_SOURCE'
                    ) c order by c.rank, c.id limit 1)
                from input""")
                .param(index.toArray(Integer[]::new))
                .param(wikidata.toArray(String[]::new))
                .param(nameKeys.toArray(String[]::new))
                .param(aliasIndex.toArray(Integer[]::new))
                .param(aliasKeys.toArray(String[]::new))
                .query((rs, row) -> {
                    long id = rs.getLong(2);
                    if (!rs.wasNull()) result[rs.getInt(1)] = id;
                    return null;
                })
                .list();
        return result;
    }

    /**
     * In one statement: a matched actor gains a Wikidata ID or description it lacked (what it had is kept),
     * and the document's name and aliases of every actor become aliases, unless equal to its own name.
     */
    private void completeActors(Writes writes, List<Integer> matched, List<ActorKey> keys, Resolution[] resolutions) {
        var ids = new ArrayList<Long>();
        var wikidata = new ArrayList<String>();
        var descriptions = new ArrayList<String>();
        for (int i : matched) {
            var actor = keys.get(i).actor();
            if (actor.wikidataId() == null && actor.description() == null) continue;
            ids.add(resolutions[i].id());
            wikidata.add(actor.wikidataId());
            descriptions.add(actor.description());
        }
        var aliasIds = new ArrayList<Long>();
        var aliases = new ArrayList<String>();
        for (int i = 0; i < keys.size(); i++) {
            var actor = keys.get(i).actor();
            var names = new LinkedHashSet<>(actor.aliases());
            if (actor.kind() != ActorKind.UNNAMED_SOURCE) names.add(actor.name());
            for (var name : names) {
                aliasIds.add(resolutions[i].id());
                aliases.add(name);
            }
        }
        if (ids.isEmpty() && aliasIds.isEmpty()) return;
        writes.update(
                """
                with input as (
                    select distinct on (id) * from unnest(?::bigint[], ?::text[], ?::text[]) as t(id, wikidata_id, description)
                    order by id),
                filled as (
                    update actors a set
                        wikidata_id = case when a.wikidata_id is null and not exists (
                                               select 1 from actors o where o.wikidata_id = input.wikidata_id)
                                           then input.wikidata_id else a.wikidata_id end,
                        description = coalesce(a.description, input.description),
                        updated_at = now()
                    from input
                    where a.id = input.id
                      and ((a.wikidata_id is null and input.wikidata_id is not null
                            and not exists (select 1 from actors o where o.wikidata_id = input.wikidata_id))
                           or (a.description is null and input.description is not null))
                    returning a.id)
                insert into actor_aliases (actor_id, alias)
                select u.id, u.alias from unnest(?::bigint[], ?::text[]) as u(id, alias)
                join actors a on a.id = u.id
                where newsgraph_name_key(u.alias) <> a.name_key and newsgraph_name_key(u.alias) <> ''
                order by u.id, newsgraph_name_key(u.alias)
                on conflict do nothing""",
                ids.toArray(Long[]::new),
                wikidata.toArray(String[]::new),
                descriptions.toArray(String[]::new),
                aliasIds.toArray(Long[]::new),
                aliases.toArray(String[]::new));
    }

    private void writeAffiliations(Writes writes, ArticleDocument d, Map<String, Resolution> actors) {
        var actorIds = new ArrayList<Long>();
        var organizationIds = new ArrayList<Long>();
        var titles = new ArrayList<String>();
        var froms = new ArrayList<String>();
        var tos = new ArrayList<String>();
        for (var actor : d.actors()) {
            for (var affiliation : actor.affiliations()) {
                actorIds.add(actors.get(actor.ref()).id());
                organizationIds.add(
                        affiliation.organization() == null
                                ? null
                                : actors.get(affiliation.organization()).id());
                titles.add(affiliation.title());
                froms.add(
                        affiliation.validFrom() == null
                                ? null
                                : affiliation.validFrom().toString());
                tos.add(
                        affiliation.validTo() == null
                                ? null
                                : affiliation.validTo().toString());
            }
        }
        if (actorIds.isEmpty()) return;
        // Update only what differs and insert with DO NOTHING: unlike DO UPDATE, neither locks rows that stay
        // as they are, so parallel imports naming the same affiliation do not queue behind each other.
        writes.update(
                """
                with input as (
                    select distinct on (actor_id, organization_id, title, valid_from) *
                    from unnest(?::bigint[], ?::bigint[], ?::text[], ?::date[], ?::date[])
                         as t(actor_id, organization_id, title, valid_from, valid_to)
                    order by actor_id, organization_id, title, valid_from, valid_to nulls last),
                changed as (
                    update affiliations a set valid_to = i.valid_to, updated_at = now()
                    from input i
                    where a.actor_id = i.actor_id and a.organization_id is not distinct from i.organization_id
                      and a.title = i.title and a.valid_from is not distinct from i.valid_from
                      and i.valid_to is not null and a.valid_to is distinct from i.valid_to
                    returning a.id)
                insert into affiliations (actor_id, organization_id, title, valid_from, valid_to)
                select actor_id, organization_id, title, valid_from, valid_to from input
                on conflict (actor_id, organization_id, title, valid_from) do nothing""",
                actorIds.toArray(Long[]::new),
                organizationIds.toArray(Long[]::new),
                titles.toArray(String[]::new),
                froms.toArray(String[]::new),
                tos.toArray(String[]::new));
    }

    // ---------------------------------------------------------------- events

    private List<Resolution> resolveEvents(ArticleDocument document) {
        var events = document.events();
        int n = events.size();
        if (n == 0) return List.of();
        var found = findEvents(events, i -> true);
        var resolutions = new Resolution[n];
        for (int i = 0; i < n; i++) {
            var event = events.get(i);
            if (found[i] != null) continue;
            var conflictTarget = event.externalKey() != null
                    ? "(external_key)"
                    : "(title_key, coalesce(starts_on, 'infinity'::date)) where external_key is null";
            var row = jdbc.sql("""
                    insert into events (kind, title, status, description, starts_on, starts_on_precision, ends_on,
                                        ends_on_precision, location, external_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict %s do nothing
                    returning id""".formatted(conflictTarget))
                    .param(event.kind().name())
                    .param(event.title())
                    .param(event.status().name())
                    .param(event.description())
                    .param(event.startsOn())
                    .param(name(event.startsOnPrecision()))
                    .param(event.endsOn())
                    .param(name(event.endsOnPrecision()))
                    .param(event.location())
                    .param(event.externalKey())
                    .query(Long.class)
                    .optional();
            if (row.isPresent()) {
                resolutions[i] = new Resolution(event.ref(), row.get(), Match.CREATED);
            } else {
                // Created between our look-up and insert: by a parallel ingest, or by an earlier ref of this document.
                int index = i;
                var again = findEvents(events, k -> k == index)[i];
                if (again == null)
                    throw new IllegalStateException("event " + event.title() + " was neither created nor found");
                found[i] = again;
            }
        }
        var matched = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            if (found[i] != null) {
                resolutions[i] = new Resolution(events.get(i).ref(), found[i], Match.MATCHED);
                matched.add(i);
            }
        }
        if (!matched.isEmpty()) updateMatchedEvents(direct, events, matched, found);
        return List.of(resolutions);
    }

    /**
     * The ID each selected event resolves to: by external key, else by (title key, start date). Two index
     * look-ups per event (unique external key; events_title_key of V52), not one OR condition: PostgreSQL
     * cannot serve that OR with an index and scanned every event per look-up, which grew the bulk import's
     * cost per article with the number of events stored.
     */
    private Long[] findEvents(List<ArticleDocument.Event> events, Predicate<Integer> selected) {
        var index = new ArrayList<Integer>();
        var keys = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var starts = new ArrayList<String>();
        for (int i = 0; i < events.size(); i++) {
            if (!selected.test(i)) continue;
            index.add(i);
            keys.add(events.get(i).externalKey());
            titles.add(events.get(i).title());
            starts.add(
                    events.get(i).startsOn() == null
                            ? null
                            : events.get(i).startsOn().toString());
        }
        var result = new Long[events.size()];
        jdbc.sql("""
                select t.i, (
                    select c.id from (
                        select e.id, e.external_key from events e where e.external_key = t.external_key
                        union all
                        select e.id, e.external_key from events e
                        where e.title_key = t.title_key
                          and coalesce(e.starts_on, 'infinity'::date) = coalesce(t.starts_on, 'infinity'::date)
                          and (e.external_key is null or t.external_key is null)) c
                    order by (c.external_key is not distinct from t.external_key) desc, c.id limit 1)
                from (select u.*, newsgraph_name_key(u.title) as title_key
                      from unnest(?::int[], ?::text[], ?::text[], ?::date[]) as u(i, external_key, title, starts_on)) t""")
                .param(index.toArray(Integer[]::new))
                .param(keys.toArray(String[]::new))
                .param(titles.toArray(String[]::new))
                .param(starts.toArray(String[]::new))
                .query((rs, row) -> {
                    long id = rs.getLong(2);
                    if (!rs.wasNull()) result[rs.getInt(1)] = id;
                    return null;
                })
                .list();
        return result;
    }

    /** The latest report wins for what it states; what it leaves out is kept. Rows that would not change are not touched. */
    private void updateMatchedEvents(
            Writes writes, List<ArticleDocument.Event> events, List<Integer> matched, Long[] ids) {
        int n = matched.size();
        var order = new Integer[n];
        var rowIds = new Long[n];
        var kinds = new String[n];
        var titles = new String[n];
        var statuses = new String[n];
        var descriptions = new String[n];
        var starts = new String[n];
        var startPrecisions = new String[n];
        var ends = new String[n];
        var endPrecisions = new String[n];
        var locations = new String[n];
        var keys = new String[n];
        for (int k = 0; k < n; k++) {
            int i = matched.get(k);
            var e = events.get(i);
            order[k] = i;
            rowIds[k] = ids[i];
            kinds[k] = e.kind().name();
            titles[k] = e.title();
            statuses[k] = e.status().name();
            descriptions[k] = e.description();
            starts[k] = e.startsOn() == null ? null : e.startsOn().toString();
            startPrecisions[k] = name(e.startsOnPrecision());
            ends[k] = e.endsOn() == null ? null : e.endsOn().toString();
            endPrecisions[k] = name(e.endsOnPrecision());
            locations[k] = e.location();
            keys[k] = e.externalKey();
        }
        writes.update(
                """
                with input as (
                    select distinct on (id) *
                    from unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[],
                                ?::date[], ?::text[], ?::text[], ?::text[])
                         as t(i, id, kind, title, status, description, starts_on, starts_on_precision, ends_on,
                              ends_on_precision, location, external_key)
                    order by id, i desc),
                wanted as (
                    select e.id, u.kind, u.title, u.status,
                           coalesce(u.description, e.description) as description,
                           coalesce(u.starts_on, e.starts_on) as starts_on,
                           coalesce(u.starts_on_precision, e.starts_on_precision) as starts_on_precision,
                           coalesce(u.ends_on, e.ends_on) as ends_on,
                           coalesce(u.ends_on_precision, e.ends_on_precision) as ends_on_precision,
                           coalesce(u.location, e.location) as location,
                           coalesce(e.external_key, u.external_key) as external_key
                    from input u join events e on e.id = u.id)
                update events e set
                    kind = w.kind, title = w.title, status = w.status, description = w.description,
                    starts_on = w.starts_on, starts_on_precision = w.starts_on_precision, ends_on = w.ends_on,
                    ends_on_precision = w.ends_on_precision, location = w.location, external_key = w.external_key,
                    updated_at = now()
                from wanted w
                where e.id = w.id
                  and (e.kind, e.title, e.status, e.description, e.starts_on, e.starts_on_precision, e.ends_on,
                       e.ends_on_precision, e.location, e.external_key)
                      is distinct from
                      (w.kind, w.title, w.status, w.description, w.starts_on, w.starts_on_precision, w.ends_on,
                       w.ends_on_precision, w.location, w.external_key)""",
                order,
                rowIds,
                kinds,
                titles,
                statuses,
                descriptions,
                starts,
                startPrecisions,
                ends,
                endPrecisions,
                locations,
                keys);
    }

    private void linkEvents(
            Writes writes, ArticleDocument d, Map<String, Resolution> events, Map<String, Resolution> actors) {
        var eventIds = new ArrayList<Long>();
        var actorIds = new ArrayList<Long>();
        var roles = new ArrayList<String>();
        var represents = new ArrayList<Long>();
        var notes = new ArrayList<String>();
        var relationFrom = new ArrayList<Long>();
        var relationTo = new ArrayList<Long>();
        var relationKinds = new ArrayList<String>();
        for (var event : d.events()) {
            long eventId = events.get(event.ref()).id();
            if (event.parent() != null) {
                long parentId = events.get(event.parent()).id();
                if (parentId != eventId) {
                    writes.update(
                            "update events set parent_id = ?, updated_at = now() where id = ? and parent_id is distinct from ?",
                            parentId,
                            eventId,
                            parentId);
                }
            }
            for (var participant : event.participants()) {
                eventIds.add(eventId);
                actorIds.add(actors.get(participant.actor()).id());
                roles.add(participant.role().name());
                represents.add(
                        participant.represents() == null
                                ? null
                                : actors.get(participant.represents()).id());
                notes.add(participant.note());
            }
            for (var relation : event.relations()) {
                long relatedId = events.get(relation.event()).id();
                if (relatedId == eventId) continue; // two refs resolved to one event
                relationFrom.add(eventId);
                relationTo.add(relatedId);
                relationKinds.add(relation.kind().name());
            }
        }
        if (!eventIds.isEmpty()) {
            writes.participants(
                    eventIds.toArray(Long[]::new),
                    actorIds.toArray(Long[]::new),
                    roles.toArray(String[]::new),
                    represents.toArray(Long[]::new),
                    notes.toArray(String[]::new));
        }
        if (!relationFrom.isEmpty()) {
            writes.update(
                    """
                    insert into event_relations (event_id, related_event_id, kind)
                    select * from unnest(?::bigint[], ?::bigint[], ?::text[]) on conflict do nothing""",
                    relationFrom.toArray(Long[]::new),
                    relationTo.toArray(Long[]::new),
                    relationKinds.toArray(String[]::new));
        }
    }

    /** One article's event participants: inserted, or completed where they exist (represents, note: the latest given wins). */
    static final String PARTICIPANTS = """
                    with input as (
                        select distinct on (event_id, actor_id, role) *
                        from unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                             as t(event_id, actor_id, role, represents_id, note)
                        order by event_id, actor_id, role, represents_id nulls last, note nulls last),
                    changed as (
                        update event_participants p set
                            represents_id = coalesce(i.represents_id, p.represents_id), note = coalesce(i.note, p.note)
                        from input i
                        where p.event_id = i.event_id and p.actor_id = i.actor_id and p.role = i.role
                          and (p.represents_id, p.note) is distinct from
                              (coalesce(i.represents_id, p.represents_id), coalesce(i.note, p.note))
                        returning p.id)
                    insert into event_participants (event_id, actor_id, role, represents_id, note)
                    select event_id, actor_id, role, represents_id, note from input
                    on conflict (event_id, actor_id, role) do nothing""";

    // ---------------------------------------------------------------- the article and its statements

    /**
     * A new article with its bylines, events, statements and their relays, mentions and events in one SQL
     * statement (one round trip, which is what bounds the bulk import). A parallel insert of the same URL
     * fails it with a unique violation, and {@link #ingest} retries as an update.
     */
    private long insertNewArticle(
            ArticleDocument d, String hash, Map<String, Resolution> actors, Map<String, Resolution> events) {
        var bylines = Bylines.of(d, actors);
        var index = new ArrayList<Integer>();
        for (int i = 0; i < d.statements().size(); i++) index.add(i);
        var speakers = new Long[d.statements().size()];
        for (int i = 0; i < speakers.length; i++)
            speakers[i] = actors.get(d.statements().get(i).speaker()).id();
        var statementColumns = statementColumns(d, index, speakers, new Long[speakers.length], false);
        var relayIndex = new ArrayList<Integer>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionIndex = new ArrayList<Integer>();
        var mentionActors = new ArrayList<Long>();
        var eventIndex = new ArrayList<Integer>();
        var eventIds = new ArrayList<Long>();
        for (int i = 0; i < d.statements().size(); i++) {
            var s = d.statements().get(i);
            for (int r = 0; r < s.relayedVia().size(); r++) {
                relayIndex.add(i);
                relayPositions.add(r);
                relayActors.add(actors.get(s.relayedVia().get(r)).id());
            }
            for (var mention : s.mentions()) {
                mentionIndex.add(i);
                mentionActors.add(actors.get(mention).id());
            }
            for (var event : s.events()) {
                eventIndex.add(i);
                eventIds.add(events.get(event).id());
            }
        }
        var params = new ArrayList<Object>();
        params.add(d.url());
        params.add(d.title());
        params.add(d.publisher() == null ? null : actors.get(d.publisher()).id());
        params.add(
                d.publishedAt() == null ? null : Timestamp.from(d.publishedAt().toInstant()));
        params.add(d.language());
        params.add(d.summary());
        params.add(d.body());
        params.add(hash);
        params.add(bylines.actorIds());
        params.add(bylines.roles());
        params.add(bylines.positions());
        params.add(events.values().stream().map(Resolution::id).distinct().toArray(Long[]::new));
        params.addAll(statementColumns);
        params.add(relayIndex.toArray(Integer[]::new));
        params.add(relayPositions.toArray(Integer[]::new));
        params.add(relayActors.toArray(Long[]::new));
        params.add(mentionIndex.toArray(Integer[]::new));
        params.add(mentionActors.toArray(Long[]::new));
        params.add(eventIndex.toArray(Integer[]::new));
        params.add(eventIds.toArray(Long[]::new));
        return jdbc.sql("""
                with a as (
                    insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    returning id),
                c as (
                    insert into article_contributors (article_id, actor_id, role, position)
                    select a.id, u.actor_id, u.role, u.position
                    from a, unnest(?::bigint[], ?::text[], ?::int[]) as u(actor_id, role, position)
                    on conflict do nothing),
                ae as (
                    insert into article_events (article_id, event_id)
                    select a.id, u.event_id from a, unnest(?::bigint[]) as u(event_id)
                    on conflict do nothing),
                s as (
                    insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                    select a.id, u.* from a,
                        unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[]) as u
                    returning position, id, said_on),
                r as (
                    insert into statement_relays (statement_id, position, actor_id)
                    select s.id, u.position, u.actor_id
                    from unnest(?::int[], ?::int[], ?::bigint[]) as u(statement_position, position, actor_id)
                    join s on s.position = u.statement_position),
                m as (
                    insert into statement_mentions (statement_id, actor_id)
                    select s.id, u.actor_id from unnest(?::int[], ?::bigint[]) as u(statement_position, actor_id)
                    join s on s.position = u.statement_position
                    on conflict do nothing),
                e as (
                    insert into statement_events (statement_id, event_id, said_on_key)
                    select s.id, u.event_id, coalesce(s.said_on, '-infinity'::date)
                    from unnest(?::int[], ?::bigint[]) as u(statement_position, event_id)
                    join s on s.position = u.statement_position
                    on conflict do nothing)
                select id from a""").params(params).query(Long.class).single();
    }

    private long upsertArticle(ArticleDocument d, String hash, Map<String, Resolution> actors) {
        Long publisherId =
                d.publisher() == null ? null : actors.get(d.publisher()).id();
        return jdbc.sql("""
                insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (url) do update set
                    title = excluded.title, publisher_id = excluded.publisher_id, published_at = excluded.published_at,
                    language = excluded.language, summary = excluded.summary, body = excluded.body,
                    content_hash = excluded.content_hash, updated_at = now()
                returning id""")
                .param(d.url())
                .param(d.title())
                .param(publisherId)
                .param(
                        d.publishedAt() == null
                                ? null
                                : Timestamp.from(d.publishedAt().toInstant()))
                .param(d.language())
                .param(d.summary())
                .param(d.body())
                .param(hash)
                .query(Long.class)
                .single();
    }

    private void writeContributors(long articleId, ArticleDocument d, Map<String, Resolution> actors, boolean isNew) {
        if (!isNew)
            jdbc.sql("delete from article_contributors where article_id = ?")
                    .param(articleId)
                    .update();
        var bylines = Bylines.of(d, actors);
        if (bylines.actorIds().length == 0) return;
        jdbc.sql("""
                insert into article_contributors (article_id, actor_id, role, position)
                select ?, * from unnest(?::bigint[], ?::text[], ?::int[]) on conflict do nothing""")
                .param(articleId)
                .param(bylines.actorIds())
                .param(bylines.roles())
                .param(bylines.positions())
                .update();
    }

    /** An article's authors and contributors as the parallel arrays that {@code unnest} takes. */
    private record Bylines(Long[] actorIds, String[] roles, Integer[] positions) {

        static Bylines of(ArticleDocument d, Map<String, Resolution> actors) {
            var ids = new ArrayList<Long>();
            var roles = new ArrayList<String>();
            var positions = new ArrayList<Integer>();
            for (int i = 0; i < d.authors().size(); i++) {
                ids.add(actors.get(d.authors().get(i)).id());
                roles.add("AUTHOR");
                positions.add(i);
            }
            for (int i = 0; i < d.contributors().size(); i++) {
                ids.add(actors.get(d.contributors().get(i)).id());
                roles.add("CONTRIBUTOR");
                positions.add(i);
            }
            return new Bylines(
                    ids.toArray(Long[]::new), roles.toArray(String[]::new), positions.toArray(Integer[]::new));
        }
    }

    private void writeArticleEvents(long articleId, Collection<Resolution> events, boolean isNew) {
        if (!isNew)
            jdbc.sql("delete from article_events where article_id = ?")
                    .param(articleId)
                    .update();
        if (events.isEmpty()) return;
        jdbc.sql(
                        "insert into article_events (article_id, event_id) select ?, unnest(?::bigint[]) on conflict do nothing")
                .param(articleId)
                .param(events.stream().map(Resolution::id).distinct().toArray(Long[]::new))
                .update();
    }

    private record StoredStatement(long id, long speakerId, String text) {}

    private void writeStatements(
            long articleId,
            ArticleDocument d,
            Map<String, Resolution> actors,
            Map<String, Resolution> events,
            boolean isNew) {
        int n = d.statements().size();
        var speakers = new Long[n];
        for (int i = 0; i < n; i++)
            speakers[i] = actors.get(d.statements().get(i).speaker()).id();

        // Which stored row each statement reuses: first the row with the same speaker and text (its ID
        // stays even when statements were inserted before it), then the leftover rows in order.
        var ids = new Long[n];
        if (!isNew) {
            var stored = jdbc.sql("select id, speaker_id, text from statements where article_id = ? order by position")
                    .param(articleId)
                    .query((rs, row) -> new StoredStatement(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                    .list();
            var unused = new ArrayList<>(stored);
            for (int i = 0; i < n; i++) {
                var s = d.statements().get(i);
                for (var it = unused.iterator(); it.hasNext(); ) {
                    var row = it.next();
                    if (row.speakerId() == speakers[i] && row.text().equals(s.text())) {
                        ids[i] = row.id();
                        it.remove();
                        break;
                    }
                }
            }
            var leftover = unused.iterator();
            for (int i = 0; i < n; i++)
                if (ids[i] == null && leftover.hasNext())
                    ids[i] = leftover.next().id();
            var drop = new ArrayList<Long>();
            leftover.forEachRemaining(row -> drop.add(row.id()));
            if (!drop.isEmpty()) {
                jdbc.sql("delete from statements where id = any(?::bigint[])")
                        .param(drop.toArray(Long[]::new))
                        .update();
            }
        }

        var reusedIndex = new ArrayList<Integer>();
        var newIndex = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) (ids[i] != null ? reusedIndex : newIndex).add(i);
        if (!reusedIndex.isEmpty()) {
            // Positions are unique per article and checked row by row: move the kept rows out of the way
            // first, then give each its new position and content (updated_at only where something changed).
            jdbc.sql("update statements set position = position + 1000000 where article_id = ?")
                    .param(articleId)
                    .update();
            jdbc.sql("""
                    update statements s set
                        position = u.position, speaker_id = u.speaker_id, kind = u.kind, text = u.text, cue = u.cue,
                        channel = u.channel, said_on = u.said_on, said_on_precision = u.said_on_precision,
                        updated_at = case when (s.speaker_id, s.kind, s.text, s.cue, s.channel, s.said_on, s.said_on_precision)
                                               is distinct from
                                               (u.speaker_id, u.kind, u.text, u.cue, u.channel, u.said_on, u.said_on_precision)
                                          then now() else s.updated_at end
                    from unnest(?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[])
                         as u(id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                    where s.id = u.id""")
                    .params(statementColumns(d, reusedIndex, speakers, ids, true))
                    .update();
        }
        if (!newIndex.isEmpty()) {
            var inserted = jdbc.sql("""
                    insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                    select ?, * from unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[])
                    returning position, id""")
                    .params(prepend(articleId, statementColumns(d, newIndex, speakers, ids, false)))
                    .query((rs, row) -> new long[] {rs.getInt(1), rs.getLong(2)})
                    .list();
            for (var row : inserted) ids[(int) row[0]] = row[1];
        }

        var relayStatements = new ArrayList<Long>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionStatements = new ArrayList<Long>();
        var mentionActors = new ArrayList<Long>();
        var eventStatements = new ArrayList<Long>();
        var eventIds = new ArrayList<Long>();
        for (int i = 0; i < n; i++) {
            var s = d.statements().get(i);
            for (int r = 0; r < s.relayedVia().size(); r++) {
                relayStatements.add(ids[i]);
                relayPositions.add(r);
                relayActors.add(actors.get(s.relayedVia().get(r)).id());
            }
            for (var mention : s.mentions()) {
                mentionStatements.add(ids[i]);
                mentionActors.add(actors.get(mention).id());
            }
            for (var event : s.events()) {
                eventStatements.add(ids[i]);
                eventIds.add(events.get(event).id());
            }
        }
        if (!isNew && !reusedIndex.isEmpty()) {
            var reused = reusedIndex.stream().map(i -> ids[i]).toArray(Long[]::new);
            jdbc.sql("""
                    with r as (delete from statement_relays where statement_id = any(?::bigint[])),
                         m as (delete from statement_mentions where statement_id = any(?::bigint[]))
                    delete from statement_events where statement_id = any(?::bigint[])""").param(reused).param(reused).param(reused).update();
        }
        if (!relayStatements.isEmpty() || !mentionStatements.isEmpty() || !eventStatements.isEmpty()) {
            jdbc.sql("""
                    with r as (insert into statement_relays (statement_id, position, actor_id)
                               select * from unnest(?::bigint[], ?::int[], ?::bigint[])),
                         m as (insert into statement_mentions (statement_id, actor_id)
                               select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing)
                    insert into statement_events (statement_id, event_id)
                    select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing""")
                    .param(relayStatements.toArray(Long[]::new))
                    .param(relayPositions.toArray(Integer[]::new))
                    .param(relayActors.toArray(Long[]::new))
                    .param(mentionStatements.toArray(Long[]::new))
                    .param(mentionActors.toArray(Long[]::new))
                    .param(eventStatements.toArray(Long[]::new))
                    .param(eventIds.toArray(Long[]::new))
                    .update();
        }
    }

    private static List<Object> statementColumns(
            ArticleDocument d, List<Integer> index, Long[] speakers, Long[] ids, boolean withIds) {
        int n = index.size();
        var rowIds = new Long[n];
        var positions = new Integer[n];
        var speakerIds = new Long[n];
        var kinds = new String[n];
        var texts = new String[n];
        var cues = new String[n];
        var channels = new String[n];
        var dates = new String[n];
        var precisions = new String[n];
        for (int k = 0; k < n; k++) {
            int i = index.get(k);
            var s = d.statements().get(i);
            rowIds[k] = ids[i];
            positions[k] = i;
            speakerIds[k] = speakers[i];
            kinds[k] = s.kind().name();
            texts[k] = s.text();
            cues[k] = s.cue();
            channels[k] = s.channel();
            dates[k] = s.saidOn() == null ? null : s.saidOn().toString();
            precisions[k] = name(s.saidOnPrecision());
        }
        var columns = new ArrayList<Object>();
        if (withIds) columns.add(rowIds);
        columns.addAll(List.of(positions, speakerIds, kinds, texts));
        columns.add(cues);
        columns.add(channels);
        columns.add(dates);
        columns.add(precisions);
        return columns;
    }

    private static List<Object> prepend(Object first, List<Object> rest) {
        var all = new ArrayList<Object>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
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
