package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.EventBlocking;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.NameForms;
import org.newsgraph.resolution.Thresholds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the resolution engine ({@link BatchResolver}) over a run of articles (a single ingest is a run of one)
 * and writes what it decided with a few statements for the whole run: one look-up of names, one read of the
 * rows they can resolve to, one insert of the new actors, one of the new events, the completing statements of
 * every article as JDBC batches, and the decisions. New articles are then inserted in one statement
 * ({@link SetBasedArticles}); a changed one is updated by {@link ArticleIngest}.
 */
final class SetBasedBatch {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final NameKeys nameKeys;
    private final SetBasedArticles articles;
    private final ResolutionWrites writes;
    private final ActorScorer actorScorer;
    private final EventScorer eventScorer;
    private final Thresholds thresholds;
    private final ReportDetailsWriter details;

    SetBasedBatch(
            JdbcClient jdbc,
            JdbcTemplate template,
            NameKeys nameKeys,
            ActorScorer actorScorer,
            EventScorer eventScorer,
            Thresholds thresholds,
            DeferredRollups rollups) {
        this.jdbc = jdbc;
        this.template = template;
        this.nameKeys = nameKeys;
        this.articles = new SetBasedArticles(jdbc, rollups);
        this.writes = new ResolutionWrites(jdbc);
        this.actorScorer = actorScorer;
        this.eventScorer = eventScorer;
        this.thresholds = thresholds;
        this.details = new ReportDetailsWriter(jdbc);
    }

    private final java.util.concurrent.atomic.AtomicLong setBasedArticles =
            new java.util.concurrent.atomic.AtomicLong();

    /** How many articles were written set-based (committed or not): lets tests see which path ran. */
    long setBasedArticles() {
        return setBasedArticles.get();
    }

    /** A run resolved: per article the IDs its refs resolved to, and the engine (its inserts and decisions). */
    record Run(
            List<Resolved> resolved,
            List<Resolution[]> actors,
            List<Resolution[]> events,
            BatchResolver resolver,
            Map<Long, Long> realActors,
            Map<Long, Long> realEvents) {}

    /** A new article with the IDs its refs resolved to. */
    record Resolved(
            ArticleDocument document, String hash, Map<String, Resolution> actors, Map<String, Resolution> events) {}

    /** Resolves the run without writing anything: the plan of each article (placeholder IDs for new rows). */
    BatchResolver plan(List<ArticleDocument> docs) {
        var texts = new ArrayList<String>();
        for (var d : docs) {
            for (var actor : d.actors()) {
                texts.add(NameForms.clean(actor.name()));
                for (var alias : actor.aliases()) texts.add(NameForms.clean(alias));
            }
            for (var event : d.events()) texts.add(NameForms.clean(event.title()));
        }
        var folded = nameKeys.nameKeys(texts).iterator();
        var actorKeys = new ArrayList<List<ActorKey>>();
        var titleKeys = new ArrayList<List<String>>();
        for (var d : docs) {
            actorKeys.add(ActorKey.actorKeys(d, folded));
            var titles = new ArrayList<String>();
            for (int e = 0; e < d.events().size(); e++) titles.add(folded.next());
            titleKeys.add(titles);
        }
        var rows = load(docs, actorKeys, titleKeys);
        var resolver = new BatchResolver(rows, actorScorer, eventScorer, thresholds);
        for (int k = 0; k < docs.size(); k++) {
            try {
                resolver.resolve(k, docs.get(k), actorKeys.get(k), titleKeys.get(k));
            } catch (EventResolver.KeyStillHeld e) {
                throw new RunEndsBefore(k);
            }
        }
        return resolver;
    }

    private ResolverRows load(
            List<ArticleDocument> docs, List<List<ActorKey>> actorKeys, List<List<String>> titleKeys) {
        var keys = new HashSet<String>();
        var wikidata = new HashSet<String>();
        var candidateKeys = new HashSet<String>();
        for (var article : actorKeys) {
            for (var key : article) {
                keys.add(key.key());
                keys.addAll(key.aliasKeys());
                keys.addAll(key.foldedAliases());
                if (key.actor().wikidataId() != null) wikidata.add(key.actor().wikidataId());
                if (key.actor().kind() == ActorKind.UNNAMED_SOURCE) continue;
                var kind = key.actor().kind().name();
                candidateKeys.addAll(CandidateKeys.of(actorScorer, kind, key.name()));
                for (var alias : key.actor().aliases())
                    candidateKeys.addAll(CandidateKeys.of(actorScorer, kind, NameForms.clean(alias)));
            }
        }
        var queries = new ArrayList<ResolverRows.EventQuery>();
        var participantQuery = new ResolverRows.ParticipantQuery(
                new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        for (int k = 0; k < docs.size(); k++) {
            var byRef = new HashMap<String, ActorKey>();
            for (var key : actorKeys.get(k)) byRef.putIfAbsent(key.actor().ref(), key);
            for (var event : docs.get(k).events()) {
                var family = EventBlocking.family(event.kind().name());
                participantQuery.kinds().addAll(family);
                if (event.startsOn() == null) participantQuery.undatedKinds().addAll(family);
                for (var p : event.participants()) {
                    var key = byRef.get(p.actor());
                    if (key == null || key.actor().kind() == ActorKind.UNNAMED_SOURCE) continue;
                    participantQuery.nameKeys().add(key.key());
                    participantQuery.nameKeys().addAll(key.aliasKeys());
                    participantQuery.nameKeys().addAll(key.foldedAliases());
                    if (key.actor().wikidataId() != null)
                        participantQuery.wikidataIds().add(key.actor().wikidataId());
                    var kind = key.actor().kind().name();
                    participantQuery.candidateKeys().addAll(CandidateKeys.of(actorScorer, kind, key.name()));
                    for (var alias : key.actor().aliases())
                        participantQuery
                                .candidateKeys()
                                .addAll(CandidateKeys.of(actorScorer, kind, NameForms.clean(alias)));
                }
            }
        }
        for (int k = 0; k < docs.size(); k++) {
            var events = docs.get(k).events();
            for (int e = 0; e < events.size(); e++) {
                var event = events.get(e);
                var precision = event.startsOnPrecision() == null
                        ? null
                        : event.startsOnPrecision().name();
                var titleKey = titleKeys.get(k).get(e);
                queries.add(new ResolverRows.EventQuery(
                        event.externalKey(),
                        titleKey,
                        event.startsOn(),
                        EventBlocking.Mention.of(event.kind().name(), titleKey, event.startsOn(), precision)));
            }
        }
        return ResolverRows.load(jdbc, keys, wikidata, candidateKeys, queries, participantQuery);
    }

    /** Resolves the run and writes its new actors and events and everything that completes them. */
    Run resolve(List<ArticleDocument> docs, List<String> hashes) {
        var resolver = plan(docs);
        var realActors = writes.insertActors(resolver.actorInserts);
        var realEvents = writes.insertEvents(resolver.events.eventInserts);
        writes.completeActors(resolver, realActors);

        var batched = new BatchedWrites(jdbc, template);
        var resolved = new ArrayList<Resolved>();
        var actorResolutions = new ArrayList<Resolution[]>();
        var eventResolutions = new ArrayList<Resolution[]>();
        for (int k = 0; k < docs.size(); k++) {
            var d = docs.get(k);
            var plan = resolver.plans.get(k);
            var actors = real(plan.actors(), realActors);
            var events = real(plan.events(), realEvents);
            actorResolutions.add(actors);
            eventResolutions.add(events);
            Map<String, Resolution> actorsByRef = new HashMap<>();
            for (var r : actors) actorsByRef.put(r.ref(), r);
            Map<String, Resolution> eventsByRef = new HashMap<>();
            for (var r : events) eventsByRef.put(r.ref(), r);
            batched.nextArticle();
            ActorIngest.writeAffiliations(batched, d, actorsByRef);
            if (plan.eventsChange()) {
                var ids = new Long[plan.eventIds().length];
                for (int e = 0; e < ids.length; e++)
                    ids[e] = plan.eventIds()[e] == null ? null : ResolutionWrites.real(plan.eventIds()[e], realEvents);
                EventIngest.updateMatchedEvents(batched, d.events(), plan.matchedEvents(), ids);
            }
            EventIngest.linkEvents(batched, d, eventsByRef, actorsByRef);
            resolved.add(new Resolved(d, hashes.get(k), actorsByRef, eventsByRef));
        }
        batched.flush();
        return new Run(resolved, actorResolutions, eventResolutions, resolver, realActors, realEvents);
    }

    /** The run must end before article {@code at} (see {@link EventResolver.KeyStillHeld}). */
    static final class RunEndsBefore extends RuntimeException {
        final int at;

        RunEndsBefore(int at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    /** Writes new articles (their URLs not stored), results in {@code results} at the indexes of {@code run}. */
    void writeNewArticles(
            List<ArticleDocument> documents, List<String> hashes, List<Integer> run, IngestResult[] results) {
        if (run.isEmpty()) return;
        var docs = run.stream().map(documents::get).toList();
        Run resolved;
        try {
            resolved = resolve(docs, run.stream().map(hashes::get).toList());
        } catch (RunEndsBefore split) {
            // Nothing is written before the plan is complete: write the articles before it, then the rest.
            writeNewArticles(documents, hashes, run.subList(0, split.at), results);
            writeNewArticles(documents, hashes, run.subList(split.at, run.size()), results);
            return;
        }
        var articleIds = articles.insertNewArticles(resolved.resolved());
        writeDetails(resolved.resolved(), articleIds);
        writes.insertDecisions(
                resolved.resolver().decisions, articleIds, resolved.realActors(), resolved.realEvents(), false);
        setBasedArticles.addAndGet(docs.size());
        for (int k = 0; k < docs.size(); k++) {
            results[run.get(k)] = new IngestResult(
                    articleIds[k],
                    Outcome.CREATED,
                    List.of(resolved.actors().get(k)),
                    List.of(resolved.events().get(k)),
                    docs.get(k).statements().size());
        }
    }

    /** The report details (co-speakers, addressees, relations, stances, ...) of newly inserted articles. */
    private void writeDetails(List<Resolved> resolved, long[] articleIds) {
        var written = new ArrayList<ReportDetailsWriter.Written>(resolved.size());
        for (int k = 0; k < resolved.size(); k++) {
            var r = resolved.get(k);
            written.add(ReportDetailsWriter.Written.of(articleIds[k], true, r.document(), r.actors(), r.events()));
        }
        details.write(written);
    }

    /** Writes one new article (the single ingest: a run of one). */
    IngestResult writeNewArticle(ArticleDocument document, String hash) {
        var results = new IngestResult[1];
        var resolved = resolve(List.of(document), List.of(hash));
        var articleIds = articles.insertNewArticles(resolved.resolved());
        writeDetails(resolved.resolved(), articleIds);
        writes.insertDecisions(
                resolved.resolver().decisions, articleIds, resolved.realActors(), resolved.realEvents(), false);
        return new IngestResult(
                articleIds[0],
                Outcome.CREATED,
                List.of(resolved.actors().get(0)),
                List.of(resolved.events().get(0)),
                document.statements().size());
    }

    /** The decisions of a run of one changed article, once its row is updated. */
    void insertDecisions(Run run, long articleId) {
        writes.insertDecisions(
                run.resolver().decisions, new long[] {articleId}, run.realActors(), run.realEvents(), true);
    }

    private static Resolution[] real(Resolution[] resolutions, Map<Long, Long> realIds) {
        var out = new Resolution[resolutions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Resolution(
                    resolutions[i].ref(), ResolutionWrites.real(resolutions[i].id(), realIds), resolutions[i].match());
        }
        return out;
    }
}
