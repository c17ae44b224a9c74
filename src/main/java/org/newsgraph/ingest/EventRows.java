package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.newsgraph.resolution.EventBlocking;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stored events a run of articles can resolve to, with their participants ({@link ResolverRows}): the events
 * its events match exactly, and the candidates ({@link EventBlocking.Mention}) of those that match none.
 *
 * <p>Candidates are found in two steps so that the database does no per-pair work: short rows are read (for dated
 * mentions the dated events whose period can share a day with theirs, by ranges of start dates per stored
 * precision, {@code events_precision_starts}, and the undated events; every event when a mention is undated) and
 * the blocking test picks from them here. Only what passes is read in full,  with its participants.
 * Besides: the events of the run's participants where one of the two is undated (from the participations read
 * for the actors), and the sub-events of every event read.
 */
record EventRows(List<EventResolver.StoredEvent> events, List<ResolverRows.Participation> participants) {

    private static final String COLUMNS = """
            e.id, e.title_key, e.kind, e.title, e.status, e.description, e.starts_on, e.starts_on_precision,
            e.ends_on, e.ends_on_precision, e.location, e.external_key, e.parent_id,
            (select a.language from article_events ae join articles a on a.id = ae.article_id
             where ae.event_id = e.id order by ae.article_id limit 1)""";

    static EventRows load(
            JdbcClient jdbc,
            List<ResolverRows.EventQuery> queries,
            ResolverRows.ParticipantQuery participantQuery,
            Set<Long> participantEvents) {
        if (queries.isEmpty()) return new EventRows(List.of(), List.of());
        var exact = exact(jdbc, queries);
        var keys = new HashSet<String>();
        var titleStarts = new HashSet<String>();
        var all = new TreeMap<Long, EventResolver.StoredEvent>();
        for (var e : exact) {
            if (e.externalKey() != null) keys.add(e.externalKey());
            titleStarts.add(e.titleKey() + "|" + e.startsOn());
            all.put(e.id(), e);
        }
        // An event the database holds exactly is never scored, so it needs no candidates.
        var open = new ArrayList<ResolverRows.EventQuery>();
        for (var q : queries) {
            boolean found = (q.externalKey() != null && keys.contains(q.externalKey()))
                    || titleStarts.contains(q.titleKey() + "|" + q.startsOn());
            if (!found) open.add(q);
        }
        var ids = new HashSet<Long>();
        var rows = shortRows(jdbc, open);
        // Each mention is put to the rows its dates can share a day with (and the undated ones): both dated and
        // disjoint, the blocking test refuses the pair anyway (see EventIndex).
        var byStart = new TreeMap<Integer, TreeMap<LocalDate, List<DatedRow>>>();
        var undated = new ArrayList<DatedRow>();
        for (var row : rows) {
            if (all.containsKey(row.id())) continue;
            if (row.startsOn() == null) undated.add(row);
            else
                byStart.computeIfAbsent(EventIndex.span(row.precision()), k -> new TreeMap<>())
                        .computeIfAbsent(row.startsOn(), k -> new ArrayList<>())
                        .add(row);
        }
        for (var q : open) {
            var period = q.blocking().period();
            var near = new ArrayList<>(undated);
            byStart.forEach((span, starts) -> (period == null
                            ? starts
                            : starts.subMap(period[0].minusDays(span), true, period[1].plusDays(span), true))
                    .values()
                    .forEach(near::addAll));
            for (var row : near) {
                if (ids.contains(row.id())) continue;
                if (q.blocking().admits(row.kind(), row.trigrams(), row.startsOn(), row.precision())) ids.add(row.id());
            }
        }
        ids.removeAll(all.keySet());
        if (!ids.isEmpty()) {
            for (var e : rows(jdbc.sql("select %s from events e where e.id = any(?::bigint[])".formatted(COLUMNS))
                    .param(ids.toArray(Long[]::new)))) all.put(e.id(), e);
        }
        var q = participantQuery;
        participantEvents.removeAll(all.keySet());
        if (!participantEvents.isEmpty() && !q.kinds().isEmpty()) {
            // Events of the run's participants (their latest, as read for the actors' context) without a date, or
            // of any date for the run's events without one: candidates by a participant in common.
            for (var e : rows(jdbc.sql("""
                            select %s from events e where e.id = any(?::bigint[])
                              and ((e.starts_on is null and e.kind = any(?::text[])) or e.kind = any(?::text[]))
                            order by e.id""".formatted(COLUMNS))
                    .param(participantEvents.toArray(Long[]::new))
                    .param(q.kinds().toArray(String[]::new))
                    .param(q.undatedKinds().toArray(String[]::new)))) all.putIfAbsent(e.id(), e);
        }
        // Sub-events of the events read: a sub-event is compared with the other children of its parent.
        if (!all.isEmpty()) {
            for (var e : rows(jdbc.sql("select %s from events e where e.parent_id = any(?::bigint[]) order by e.id"
                            .formatted(COLUMNS))
                    .param(all.keySet().toArray(Long[]::new)))) all.putIfAbsent(e.id(), e);
        }
        var events = new ArrayList<>(all.values());
        List<ResolverRows.Participation> participants = List.of();
        if (!events.isEmpty()) {
            participants = jdbc.sql(
                            "select event_id, actor_id, role from event_participants where event_id = any(?::bigint[])")
                    .param(all.keySet().toArray(Long[]::new))
                    .query((rs, n) -> new ResolverRows.Participation(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                    .list();
        }
        return new EventRows(events, participants);
    }

    /** By external key; by title and start. */
    private static List<EventResolver.StoredEvent> exact(JdbcClient jdbc, List<ResolverRows.EventQuery> queries) {
        var externalKeys = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var starts = new ArrayList<String>();
        for (var q : queries) {
            if (q.externalKey() != null) externalKeys.add(q.externalKey());
            titles.add(q.titleKey());
            starts.add(q.startsOn() == null ? null : q.startsOn().toString());
        }
        return rows(jdbc.sql("""
                select %s from events e where e.id in (
                    select id from events where external_key = any(?::text[])
                    union
                    select e.id from unnest(?::text[], ?::date[]) as u(title_key, starts_on)
                    join events e on e.title_key = u.title_key
                     and coalesce(e.starts_on, 'infinity'::date) = coalesce(u.starts_on, 'infinity'::date))
                order by e.id""".formatted(COLUMNS))
                .param(externalKeys.toArray(String[]::new))
                .param(titles.toArray(String[]::new))
                .param(starts.toArray(String[]::new)));
    }

    /** A stored event as the blocking test needs it. */
    private record DatedRow(long id, String kind, long[] trigrams, LocalDate startsOn, String precision) {}

    /**
     * The events the blocking test is put to. For dated mentions: the dated events whose start lies where their
     * period can share a day with a mention's period (a stored period begins at most, and ends at most, 0 (a
     * day), 6 (a week), 30 (a month) or 365 (a year) days from its start), and the undated events. An undated
     * mention can match any event by title: then every event is read (short rows; comparing trigrams here is
     * cheaper than pg_trgm's index search for titles of common words).
     */
    private static List<DatedRow> shortRows(JdbcClient jdbc, List<ResolverRows.EventQuery> open) {
        var periods = new LinkedHashSet<List<LocalDate>>();
        boolean undated = false;
        for (var q : open) {
            var period = q.blocking().period();
            if (period != null) periods.add(List.of(period[0], period[1]));
            else if (!q.titleKey().isEmpty()) undated = true;
        }
        if (periods.isEmpty() && !undated) return List.of();
        JdbcClient.StatementSpec statement = undated
                ? jdbc.sql("select id, kind, title_key, starts_on, starts_on_precision from events")
                : jdbc.sql("""
                                select w.id, w.kind, w.title_key, w.starts_on, w.starts_on_precision
                                from unnest(?::date[], ?::date[]) as u(lo, hi)
                                cross join (values ('HOUR', 0), ('DAY', 0), ('WEEK', 6), ('MONTH', 30), ('YEAR', 365))
                                     as p(precision, span)
                                cross join lateral (
                                    select id, kind, title_key, starts_on, starts_on_precision from events
                                    where starts_on_precision = p.precision
                                      and starts_on between u.lo - p.span and u.hi + p.span offset 0) w
                                union all
                                select id, kind, title_key, starts_on, starts_on_precision from events
                                where starts_on is null""")
                        .param(periods.stream().map(p -> p.get(0).toString()).toArray(String[]::new))
                        .param(periods.stream().map(p -> p.get(1).toString()).toArray(String[]::new));
        var seen = new HashSet<Long>();
        var out = new ArrayList<DatedRow>();
        statement
                .query((rs, n) -> {
                    if (seen.add(rs.getLong(1))) {
                        out.add(new DatedRow(
                                rs.getLong(1),
                                rs.getString(2),
                                trigrams(rs.getString(3)),
                                rs.getObject(4, LocalDate.class),
                                rs.getString(5)));
                    }
                    return null;
                })
                .list();
        return out;
    }

    /** Title trigrams by title key: every batch reads the same events again; the codes depend on the text only. */
    private static final Map<String, long[]> TRIGRAMS = new ConcurrentHashMap<>();

    static long[] trigrams(String titleKey) {
        if (TRIGRAMS.size() > 200_000) TRIGRAMS.clear();
        return TRIGRAMS.computeIfAbsent(titleKey, EventBlocking::trigramCodes);
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
