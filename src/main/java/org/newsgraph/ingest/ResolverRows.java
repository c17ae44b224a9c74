package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.resolution.EventBlocking;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stored rows a run of articles can resolve to, read in a few statements per run: the actors any name,
 * alias, Wikidata ID or candidate key of the run names (with all their names, affiliations, events and fellow
 * participants), and the events any external key, (title, start), date window or similar title can match
 * (with their participants).
 */
record ResolverRows(
        List<BatchResolver.StoredActor> actors,
        List<Alias> aliases,
        List<Affiliation> affiliations,
        List<Participation> participations,
        List<Neighbour> neighbours,
        List<EventResolver.StoredEvent> events,
        List<Participation> eventParticipants,
        List<ParticipantActor> participantActors,
        List<EventReport> eventReports) {

    record Alias(long actorId, String alias, String aliasKey) {}

    record Affiliation(long actorId, Long organizationId, String title) {}

    record Participation(long eventId, long actorId) {}

    record Neighbour(long actorId, long otherId) {}

    /** A participant of a loaded event: its kind and its names (name and aliases), for the title's context. */
    record ParticipantActor(long id, String kind, List<String> names) {}

    /** A report an automatic merge folded into a loaded event: the title and date it gave, its article's language. */
    record EventReport(long eventId, String title, String language, LocalDate startsOn, String startsOnPrecision) {}

    /**
     * The participants of the run's events, for blocking by participant: their name and alias keys, candidate
     * keys and Wikidata IDs; the kinds of all the run's events, and of those without a date.
     */
    record ParticipantQuery(
            Set<String> nameKeys,
            Set<String> candidateKeys,
            Set<String> wikidataIds,
            Set<String> kinds,
            Set<String> undatedKinds) {

        static ParticipantQuery none() {
            return new ParticipantQuery(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        }
    }

    /** How much of each candidate actor's history (its latest events) is read for the context features. */
    private static final int EVENTS_PER_ACTOR = 200;

    /** An event of the run to look for: its external key, title key, start and the window of dates it can match. */
    record EventQuery(
            String externalKey, String titleKey, LocalDate startsOn, LocalDate from, LocalDate to, String kinds) {}

    static ResolverRows load(
            JdbcClient jdbc,
            Collection<String> nameKeys,
            Collection<String> wikidataIds,
            Collection<String> candidateKeys,
            List<EventQuery> eventQueries,
            ParticipantQuery participantQuery) {
        var keyArray = nameKeys.toArray(String[]::new);
        var actors = jdbc.sql("""
                select a.id, a.kind, a.name, a.name_key, a.wikidata_id, a.description is not null from actors a
                where a.id in (
                    select id from actors where name_key = any(?::text[]) or wikidata_id = any(?::text[])
                    union
                    select actor_id from actor_aliases where alias_key = any(?::text[])
                    union
                    select k.actor_id from unnest(?::text[]) as u(key)
                    join actor_match_keys k on k.key = u.key)
                order by a.id""")
                .param(keyArray)
                .param(wikidataIds.toArray(String[]::new))
                .param(keyArray)
                .param(candidateKeys.toArray(String[]::new))
                .query((rs, n) -> new BatchResolver.StoredActor(
                        rs.getLong(1),
                        ActorKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)))
                .list();
        var ids = actors.stream().map(BatchResolver.StoredActor::id).toArray(Long[]::new);
        List<Alias> aliases = List.of();
        List<Affiliation> affiliations = List.of();
        List<Participation> participations = List.of();
        List<Neighbour> neighbours = List.of();
        if (ids.length > 0) {
            aliases = jdbc.sql(
                            "select actor_id, alias, alias_key from actor_aliases where actor_id = any(?::bigint[]) order by actor_id, alias_key")
                    .param(ids)
                    .query((rs, n) -> new Alias(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .list();
            affiliations = jdbc.sql(
                            "select actor_id, organization_id, title from affiliations where actor_id = any(?::bigint[])")
                    .param(ids)
                    .query((rs, n) -> new Affiliation(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3)))
                    .list();
            participations = jdbc.sql("""
                    select p.event_id, a.id from unnest(?::bigint[]) as a(id)
                    cross join lateral (
                        select distinct event_id from event_participants p where p.actor_id = a.id
                        order by event_id desc limit %d) p""".formatted(EVENTS_PER_ACTOR))
                    .param(ids)
                    .query((rs, n) -> new Participation(rs.getLong(1), rs.getLong(2)))
                    .list();
            neighbours = jdbc.sql("""
                    select distinct a.id, o.actor_id from unnest(?::bigint[]) as a(id)
                    cross join lateral (
                        select distinct event_id from event_participants p where p.actor_id = a.id
                        order by event_id desc limit %d) p
                    join event_participants o on o.event_id = p.event_id and o.actor_id <> a.id""".formatted(EVENTS_PER_ACTOR))
                    .param(ids)
                    .query((rs, n) -> new Neighbour(rs.getLong(1), rs.getLong(2)))
                    .list();
        }
        var events = events(
                jdbc,
                eventQueries,
                participantQuery,
                participantEvents(jdbc, participantQuery, actors, aliases, participations));
        List<Participation> eventParticipants = List.of();
        List<ParticipantActor> participantActors = List.of();
        List<EventReport> reports = List.of();
        if (!events.isEmpty()) {
            var eventIds = events.stream().map(EventResolver.StoredEvent::id).toArray(Long[]::new);
            eventParticipants = jdbc.sql(
                            "select event_id, actor_id from event_participants where event_id = any(?::bigint[])")
                    .param(eventIds)
                    .query((rs, n) -> new Participation(rs.getLong(1), rs.getLong(2)))
                    .list();
            participantActors = jdbc.sql("""
                            select a.id, a.kind, a.name, coalesce(array(
                                select l.alias from actor_aliases l where l.actor_id = a.id order by l.alias_key), '{}')
                            from actors a where a.id in (
                                select actor_id from event_participants where event_id = any(?::bigint[]))
                            order by a.id""")
                    .param(eventIds)
                    .query((rs, n) -> {
                        var names = new ArrayList<String>();
                        names.add(rs.getString(3));
                        names.addAll(List.of((String[]) rs.getArray(4).getArray()));
                        return new ParticipantActor(rs.getLong(1), rs.getString(2), names);
                    })
                    .list();
            reports = jdbc.sql("""
                            select d.event_id, d.mention->>'title', a.language, (d.mention->>'startsOn')::date,
                                   d.mention->>'startsOnPrecision'
                            from resolution_decisions d left join articles a on a.id = d.article_id
                            where d.event_id = any(?::bigint[]) and d.entity = 'EVENT' and d.outcome = 'MERGED'
                              and d.status = 'AUTOMATIC'
                            order by d.id""")
                    .param(eventIds)
                    .query((rs, n) -> new EventReport(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, LocalDate.class),
                            rs.getString(5)))
                    .list();
        }
        return new ResolverRows(
                actors,
                aliases,
                affiliations,
                participations,
                neighbours,
                events,
                eventParticipants,
                participantActors,
                reports);
    }

    /**
     * The events (among the latest {@link #EVENTS_PER_ACTOR} read per loaded actor) of the loaded actors that the
     * run's participants can be: by name, alias, Wikidata ID or candidate key.
     */
    private static Set<Long> participantEvents(
            JdbcClient jdbc,
            ParticipantQuery q,
            List<BatchResolver.StoredActor> actors,
            List<Alias> aliases,
            List<Participation> participations) {
        if (q.kinds().isEmpty() || participations.isEmpty()) return new HashSet<>();
        var ids = new HashSet<Long>();
        for (var a : actors)
            if (q.nameKeys().contains(a.nameKey())
                    || (a.wikidataId() != null && q.wikidataIds().contains(a.wikidataId()))) ids.add(a.id());
        for (var a : aliases) if (q.nameKeys().contains(a.aliasKey())) ids.add(a.actorId());
        if (!q.candidateKeys().isEmpty()) {
            ids.addAll(jdbc.sql(
                            "select distinct actor_id from actor_match_keys where key = any(?::text[]) and actor_id = any(?::bigint[])")
                    .param(q.candidateKeys().toArray(String[]::new))
                    .param(actors.stream().map(BatchResolver.StoredActor::id).toArray(Long[]::new))
                    .query(Long.class)
                    .list());
        }
        var events = new HashSet<Long>();
        for (var p : participations) if (ids.contains(p.actorId())) events.add(p.eventId());
        return events;
    }

    private static final String EVENT_COLUMNS = """
            e.id, e.title_key, e.kind, e.title, e.status, e.description, e.starts_on, e.starts_on_precision,
            e.ends_on, e.ends_on_precision, e.location, e.external_key, e.parent_id,
            (select a.language from article_events ae join articles a on a.id = ae.article_id
             where ae.event_id = e.id order by ae.article_id limit 1)""";

    /**
     * First the events the run's events match exactly (external key; title and start); then, only for the run's
     * events that match none of those, the candidates: events in their date window of a related kind, and
     * events with a similar title. An event the database holds exactly is never scored, so it needs none.
     */
    private static List<EventResolver.StoredEvent> events(
            JdbcClient jdbc, List<EventQuery> queries, ParticipantQuery participantQuery, Set<Long> participantEvents) {
        if (queries.isEmpty()) return List.of();
        var externalKeys = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var starts = new ArrayList<String>();
        for (var q : queries) {
            if (q.externalKey() != null) externalKeys.add(q.externalKey());
            titles.add(q.titleKey());
            starts.add(q.startsOn() == null ? null : q.startsOn().toString());
        }
        var exact = rows(jdbc.sql("""
                select %s from events e where e.id in (
                    select id from events where external_key = any(?::text[])
                    union
                    select e.id from unnest(?::text[], ?::date[]) as u(title_key, starts_on)
                    join events e on e.title_key = u.title_key
                     and coalesce(e.starts_on, 'infinity'::date) = coalesce(u.starts_on, 'infinity'::date))
                order by e.id""".formatted(EVENT_COLUMNS))
                .param(externalKeys.toArray(String[]::new))
                .param(titles.toArray(String[]::new))
                .param(starts.toArray(String[]::new)));
        var keys = new HashSet<String>();
        var titleStarts = new HashSet<String>();
        for (var e : exact) {
            if (e.externalKey() != null) keys.add(e.externalKey());
            titleStarts.add(e.titleKey() + "|" + e.startsOn());
        }
        var froms = new ArrayList<String>();
        var tos = new ArrayList<String>();
        var kinds = new ArrayList<String>();
        Set<String> distinctTitles = new HashSet<>();
        for (var q : queries) {
            boolean found = (q.externalKey() != null && keys.contains(q.externalKey()))
                    || titleStarts.contains(q.titleKey() + "|" + q.startsOn());
            if (found) continue;
            if (q.from() != null) {
                froms.add(q.from().toString());
                tos.add(q.to().toString());
                kinds.add(q.kinds());
            }
            if (!q.titleKey().isEmpty()) distinctTitles.add(q.titleKey());
        }
        if (froms.isEmpty() && distinctTitles.isEmpty()) return exact;
        var candidates = rows(jdbc.sql("""
                select %s from events e where e.id in (
                    select w.id from unnest(?::date[], ?::date[], ?::text[]) as u(lo, hi, kinds)
                    join events w on w.starts_on between u.lo and u.hi and w.kind = any(string_to_array(u.kinds, ','))
                    union
                    select w.id from unnest(?::date[], ?::date[], ?::text[]) as u(lo, hi, kinds)
                    join events w on w.starts_on_precision = 'YEAR'
                     and w.starts_on between u.lo + 31 - %d and u.hi and w.kind = any(string_to_array(u.kinds, ','))
                    union
                    select t.id from unnest(?::text[]) as u(title_key)
                    join events t on t.title_key %% u.title_key and similarity(t.title_key, u.title_key) >= ?)
                order by e.id""".formatted(EVENT_COLUMNS, EventBlocking.YEAR_WINDOW_DAYS))
                .param(froms.toArray(String[]::new))
                .param(tos.toArray(String[]::new))
                .param(kinds.toArray(String[]::new))
                .param(froms.toArray(String[]::new))
                .param(tos.toArray(String[]::new))
                .param(kinds.toArray(String[]::new))
                .param(distinctTitles.toArray(String[]::new))
                .param(EventBlocking.TITLE_SIMILARITY));
        var all = new java.util.TreeMap<Long, EventResolver.StoredEvent>();
        for (var e : exact) all.put(e.id(), e);
        for (var e : candidates) all.put(e.id(), e);
        var q = participantQuery;
        participantEvents.removeAll(all.keySet());
        if (!participantEvents.isEmpty() && !q.kinds().isEmpty()) {
            // Events of the run's participants (their latest, as read for the actors' context) without a date, or
            // of any date for the run's events without one: candidates by a participant in common.
            for (var e : rows(jdbc.sql("""
                            select %s from events e where e.id = any(?::bigint[])
                              and ((e.starts_on is null and e.kind = any(?::text[])) or e.kind = any(?::text[]))
                            order by e.id""".formatted(EVENT_COLUMNS))
                    .param(participantEvents.toArray(Long[]::new))
                    .param(q.kinds().toArray(String[]::new))
                    .param(q.undatedKinds().toArray(String[]::new)))) all.putIfAbsent(e.id(), e);
        }
        // Sub-events of the events read: a sub-event is compared with the other children of its parent.
        if (!all.isEmpty()) {
            for (var e : rows(jdbc.sql("select %s from events e where e.parent_id = any(?::bigint[]) order by e.id"
                            .formatted(EVENT_COLUMNS))
                    .param(all.keySet().toArray(Long[]::new)))) all.putIfAbsent(e.id(), e);
        }
        return new ArrayList<>(all.values());
    }

    private static List<EventResolver.StoredEvent> rows(JdbcClient.StatementSpec statement) {
        return statement
                .query((rs, n) -> new EventResolver.StoredEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, LocalDate.class),
                        rs.getString(8),
                        rs.getObject(9, LocalDate.class),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        (Long) rs.getObject(13),
                        rs.getString(14)))
                .list();
    }
}
