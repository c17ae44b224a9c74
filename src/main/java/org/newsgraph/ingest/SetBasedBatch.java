package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a run of new articles of an import batch set-based: their actors and events resolved in memory by
 * {@link BatchResolver}, with the outcome of ingesting them one by one.
 */
final class SetBasedBatch {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SetBasedBatch.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final NameKeys nameKeys;
    private final SetBasedArticles articles;
    private final ReportDetailsWriter details;
    private final ArticleWriter oneByOne;

    /** Writes one article the one-by-one way (what the batch falls back to). */
    interface ArticleWriter {
        IngestResult write(ArticleDocument document, String hash);
    }

    SetBasedBatch(JdbcClient jdbc, JdbcTemplate template, NameKeys nameKeys, ArticleWriter oneByOne) {
        this.jdbc = jdbc;
        this.template = template;
        this.nameKeys = nameKeys;
        this.articles = new SetBasedArticles(jdbc);
        this.details = new ReportDetailsWriter(jdbc);
        this.oneByOne = oneByOne;
    }

    /**
     * Writes new articles (their URLs not stored) with a few statements for all of them instead of ~11 per
     * article: one look-up of names, one of the actors and one of the events they can match, the actor and
     * event resolution in memory ({@link BatchResolver}, same outcome as one by one), one insert of the new
     * actors, one of the new events, the completing statements of every article as JDBC batches (the same
     * statements as one by one, one round trip per kind), and one insert of all articles, statements and
     * links. Any database error rolls the whole batch back; {@link IngestService#ingestBatch} then writes it one article
     * at a time, so that only the bad article fails.
     */
    private final java.util.concurrent.atomic.AtomicLong setBasedArticles =
            new java.util.concurrent.atomic.AtomicLong();

    /** How many articles were written set-based (committed or not): lets tests see which path ran. */
    long setBasedArticles() {
        return setBasedArticles.get();
    }

    void writeNewArticles(
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
        var folded = nameKeys.nameKeys(texts).iterator();
        var actorKeys = new ArrayList<List<ActorKey>>();
        var titleKeys = new ArrayList<List<String>>();
        for (var d : docs) {
            actorKeys.add(ActorKey.actorKeys(d, folded));
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
            for (int i : run) results[i] = oneByOne.write(documents.get(i), hashes.get(i));
            return;
        }
        var realActors = insertActors(resolver.actorInserts);
        var realEvents = insertEvents(resolver.eventInserts);
        completeActors(resolver, realActors);

        var writes = new BatchedWrites(jdbc, template);
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
            ActorIngest.writeAffiliations(writes, d, actors);
            if (plan.eventsChange()) {
                var ids = new Long[plan.eventIds().length];
                for (int e = 0; e < ids.length; e++)
                    ids[e] = plan.eventIds()[e] == null ? null : real(plan.eventIds()[e], realEvents);
                EventIngest.updateMatchedEvents(writes, d.events(), plan.matchedEvents(), ids);
            }
            EventIngest.linkEvents(writes, d, events, actors);
            resolved.add(new Resolved(d, hashes.get(run.get(k)), actors, events));
        }
        writes.flush();

        var articleIds = articles.insertNewArticles(resolved);
        var written = new ArrayList<ReportDetailsWriter.Written>(resolved.size());
        for (int k = 0; k < resolved.size(); k++) {
            var r = resolved.get(k);
            written.add(ReportDetailsWriter.Written.of(articleIds[k], true, r.document(), r.actors(), r.events()));
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

    /**
     * What {@link ActorIngest} completes article by article, for the whole run in two statements: the
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
    record Resolved(
            ArticleDocument document, String hash, Map<String, Resolution> actors, Map<String, Resolution> events) {}

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

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
