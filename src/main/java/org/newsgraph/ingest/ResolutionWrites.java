package org.newsgraph.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes what the resolution engine worked out for a run of articles: the new actors and events, what matched
 * actors gain (Wikidata ID, description, aliases, candidate keys), and the decisions on scored pairs.
 */
final class ResolutionWrites {

    private final JdbcClient jdbc;
    private final tools.jackson.databind.json.JsonMapper json =
            tools.jackson.databind.json.JsonMapper.builder().build();

    ResolutionWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the run's new actors in the order one-by-one ingests would (so they get the same IDs). Returns
     * placeholder -> real ID.
     */
    Map<Long, Long> insertActors(List<BatchResolver.ActorInsert> inserts) {
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
                .param(inserts.stream().map(r -> r.name()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.key().actor().description()).toArray(String[]::new))
                .param(inserts.stream().map(r -> r.key().actor().wikidataId()).toArray(String[]::new))
                .param(inserts.stream().map(BatchResolver.ActorInsert::nameKey).toArray(String[]::new))
                .query((rs, n) -> byKey.put(rs.getString(1), rs.getLong(2)))
                .list();
        for (var insert : inserts) {
            var id = byKey.remove(insert.nameKey());
            // Not inserted: a parallel writer created it since the look-up; the batch is retried one by one.
            if (id == null)
                throw new DuplicateKeyException("actor " + insert.nameKey() + " was created by a parallel writer");
            realIds.put(insert.virtualId(), id);
        }
        if (!byKey.isEmpty()) throw new BatchFailed(); // a row nobody asked for: cannot happen
        return realIds;
    }

    /** As {@link #insertActors}, for events. */
    Map<Long, Long> insertEvents(List<EventResolver.EventInsert> inserts) {
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
                .param(inserts.stream().map(EventResolver.EventInsert::title).toArray(String[]::new))
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
     * For the whole run in three statements: the actors that gain a Wikidata ID or description, the new aliases,
     * the new candidate keys (the resolution worked them out).
     */
    void completeActors(BatchResolver resolver, Map<Long, Long> realActors) {
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
        if (!resolver.keyInserts.isEmpty()) {
            jdbc.sql("""
                    insert into actor_match_keys (actor_id, key)
                    select * from unnest(?::bigint[], ?::text[]) on conflict do nothing""")
                    .param(resolver.keyInserts.stream()
                            .map(k -> real(k.actorId(), realActors))
                            .toArray(Long[]::new))
                    .param(resolver.keyInserts.stream()
                            .map(BatchResolver.KeyInsert::key)
                            .toArray(String[]::new))
                    .update();
        }
    }

    static long real(long id, Map<Long, Long> realIds) {
        if (id < BatchResolver.VIRTUAL) return id;
        var real = realIds.get(id);
        if (real == null) throw new IllegalStateException("no row inserted for placeholder " + id);
        return real;
    }

    /**
     * The run's decisions with real IDs; {@code articleIds} in run order. Decisions an earlier version of an
     * article left (automatic or pending) go: the article was resolved again.
     */
    void insertDecisions(
            List<BatchResolver.Decision> decisions,
            long[] articleIds,
            Map<Long, Long> realActors,
            Map<Long, Long> realEvents,
            boolean replace) {
        if (replace) {
            jdbc.sql(
                            "delete from resolution_decisions where article_id = any(?::bigint[]) and status in ('AUTOMATIC', 'PENDING')")
                    .param(java.util.Arrays.stream(articleIds).boxed().toArray(Long[]::new))
                    .update();
        }
        if (decisions.isEmpty()) return;
        int n = decisions.size();
        var entity = new String[n];
        var outcome = new String[n];
        var status = new String[n];
        var article = new Long[n];
        var ref = new String[n];
        var mention = new String[n];
        var actor = new Long[n];
        var otherActor = new Long[n];
        var event = new Long[n];
        var otherEvent = new Long[n];
        var score = new Double[n];
        var features = new String[n];
        for (int i = 0; i < n; i++) {
            var d = decisions.get(i);
            boolean isActor = d.entity().equals("ACTOR");
            var real = isActor ? realActors : realEvents;
            entity[i] = d.entity();
            outcome[i] = d.outcome();
            status[i] = d.outcome().equals("MERGED") ? "AUTOMATIC" : "PENDING";
            article[i] = articleIds[d.article()];
            ref[i] = d.ref();
            mention[i] = json.writeValueAsString(d.mention());
            long subject = real(d.subjectId(), real);
            Long other = d.outcome().equals("MERGED") ? null : real(d.otherId(), real);
            if (isActor) {
                actor[i] = subject;
                otherActor[i] = other;
            } else {
                event[i] = subject;
                otherEvent[i] = other;
            }
            score[i] = d.score().total();
            features[i] = json.writeValueAsString(d.score().features());
        }
        jdbc.sql("""
                insert into resolution_decisions (entity, outcome, status, article_id, ref, mention, actor_id,
                                                  other_actor_id, event_id, other_event_id, score, features)
                select entity, outcome, status, article_id, ref, mention::jsonb, actor_id, other_actor_id, event_id,
                       other_event_id, score, features::jsonb
                from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::float8[], ?::text[])
                     as u(entity, outcome, status, article_id, ref, mention, actor_id, other_actor_id, event_id,
                          other_event_id, score, features)""")
                .params(
                        entity,
                        outcome,
                        status,
                        article,
                        ref,
                        mention,
                        actor,
                        otherActor,
                        event,
                        otherEvent,
                        score,
                        features)
                .update();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
