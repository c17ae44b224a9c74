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
        List<Participation> fellowParticipants,
        List<EventResolver.StoredEvent> events,
        List<Participation> eventParticipants,
        List<ParticipantActor> participantActors,
        List<EventReport> eventReports) {

    record Alias(long actorId, String alias, String aliasKey) {}

    record Affiliation(long actorId, Long organizationId, String title) {}

    /** An actor taking part in an event; {@code role} where it was read (event participants), else null. */
    record Participation(long eventId, long actorId, String role) {
        Participation(long eventId, long actorId) {
            this(eventId, actorId, null);
        }
    }

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
            Set<String> undatedKinds) {}

    /** How much of each candidate actor's history (its latest events) is read for the context features. */
    private static final int EVENTS_PER_ACTOR = 200;

    /** An event of the run to look for: its external key, title key and start, and its blocking test. */
    record EventQuery(String externalKey, String titleKey, LocalDate startsOn, EventBlocking.Mention blocking) {}

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
        List<Participation> fellowParticipants = List.of();
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
            if (!participations.isEmpty()) {
                // All participants of those events, once per event: the actors' fellow participants follow from
                // them (ActorIndex). Read as pairs of actor and fellow, the same facts took a row per pair.
                var eventIds = participations.stream()
                        .map(Participation::eventId)
                        .distinct()
                        .toArray(Long[]::new);
                fellowParticipants = jdbc.sql(
                                "select event_id, actor_id from event_participants where event_id = any(?::bigint[])")
                        .param(eventIds)
                        .query((rs, n) -> new Participation(rs.getLong(1), rs.getLong(2)))
                        .list();
            }
        }
        var events = EventRows.load(
                jdbc,
                eventQueries,
                participantQuery,
                participantEvents(jdbc, participantQuery, actors, aliases, participations));
        List<ParticipantActor> participantActors = List.of();
        List<EventReport> reports = List.of();
        if (!events.events().isEmpty()) {
            var eventIds =
                    events.events().stream().map(EventResolver.StoredEvent::id).toArray(Long[]::new);
            participantActors = participantActors(jdbc, events.participants(), actors, aliases);
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
                fellowParticipants,
                events.events(),
                events.participants(),
                participantActors,
                reports);
    }

    /**
     * The participants of the loaded events, with their names: the loaded actors (most of them) from the rows read
     * already, the others read here.
     */
    private static List<ParticipantActor> participantActors(
            JdbcClient jdbc,
            List<Participation> participants,
            List<BatchResolver.StoredActor> actors,
            List<Alias> aliases) {
        var wanted = new java.util.TreeSet<Long>();
        for (var p : participants) wanted.add(p.actorId());
        var known = new java.util.HashMap<Long, ParticipantActor>();
        for (var a : actors) {
            if (!wanted.contains(a.id())) continue;
            var names = new ArrayList<String>();
            names.add(a.name());
            known.put(a.id(), new ParticipantActor(a.id(), a.kind().name(), names));
        }
        // aliases are read in (actor, alias key) order, as the query below orders them
        for (var alias : aliases) {
            var p = known.get(alias.actorId());
            if (p != null) p.names().add(alias.alias());
        }
        var missing = wanted.stream().filter(id -> !known.containsKey(id)).toArray(Long[]::new);
        if (missing.length > 0) {
            jdbc.sql("""
                            select a.id, a.kind, a.name, coalesce(array(
                                select l.alias from actor_aliases l where l.actor_id = a.id order by l.alias_key), '{}')
                            from actors a where a.id = any(?::bigint[])""")
                    .param(missing)
                    .query((rs, n) -> {
                        var names = new ArrayList<String>();
                        names.add(rs.getString(3));
                        names.addAll(List.of((String[]) rs.getArray(4).getArray()));
                        return known.put(rs.getLong(1), new ParticipantActor(rs.getLong(1), rs.getString(2), names));
                    })
                    .list();
        }
        var out = new ArrayList<ParticipantActor>(wanted.size());
        for (var id : wanted) if (known.containsKey(id)) out.add(known.get(id));
        return out;
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
            // Of the loaded actors (a filter here: in SQL, actor_id = any(array) was tested against the whole array
            // for every key row). Every actor of these keys is loaded: they are candidate keys of the run.
            var loaded = new HashSet<Long>();
            for (var a : actors) loaded.add(a.id());
            jdbc.sql(
                            "select distinct k.actor_id from unnest(?::text[]) as u(key) join actor_match_keys k on k.key = u.key")
                    .param(q.candidateKeys().toArray(String[]::new))
                    .query(Long.class)
                    .list()
                    .forEach(id -> {
                        if (loaded.contains(id)) ids.add(id);
                    });
        }
        var events = new HashSet<Long>();
        for (var p : participations) if (ids.contains(p.actorId())) events.add(p.eventId());
        return events;
    }
}
