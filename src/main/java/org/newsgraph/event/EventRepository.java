package org.newsgraph.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL access to {@code events}, {@code event_participants}, {@code event_relations} and the events linked to
 * statements and articles. Lists of events are newest first: {@code starts_on desc nulls last, id desc}.
 */
@Repository
@Transactional(readOnly = true)
public class EventRepository implements NodeRepository<Event> {

    static final String COLUMNS = "e.id, e.kind, e.title, e.description, e.status, e.starts_on, e.starts_on_precision,"
            + " e.ends_on, e.ends_on_precision, e.location, e.parent_id, e.external_key, e.starts_at, e.ends_at";
    static final String SORT_KEY = "coalesce(e.starts_on, '-infinity'::date)";
    static final String ORDER = SORT_KEY + " desc, e.id desc";

    private final JdbcClient jdbc;

    public EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Event map(ResultSet rs, int row) throws SQLException {
        return new Event(
                rs.getLong("id"),
                EventKind.valueOf(rs.getString("kind")),
                rs.getString("title"),
                rs.getString("description"),
                EventStatus.valueOf(rs.getString("status")),
                rs.getObject("starts_on", LocalDate.class),
                precision(rs.getString("starts_on_precision")),
                rs.getObject("ends_on", LocalDate.class),
                precision(rs.getString("ends_on_precision")),
                rs.getString("location"),
                (Long) rs.getObject("parent_id"),
                rs.getString("external_key"),
                rs.getObject("starts_at", java.time.OffsetDateTime.class),
                rs.getObject("ends_at", java.time.OffsetDateTime.class));
    }

    private static ParticipantStance stance(String value) {
        return value == null ? null : ParticipantStance.valueOf(value);
    }

    private static DatePrecision precision(String value) {
        return value == null ? null : DatePrecision.valueOf(value);
    }

    @Override
    public String nodeType() {
        return "Event";
    }

    /** The event with this external key (the key clients gave it when ingesting), or null. */
    public Event findByExternalKey(String externalKey) {
        return jdbc.sql("select " + COLUMNS + " from events e where e.external_key = ?")
                .param(externalKey)
                .query(EventRepository::map)
                .optional()
                .orElse(null);
    }

    @Override
    public Map<Long, Event> findByIds(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql("select " + COLUMNS + " from events e where e.id = any(?)")
                        .param(Batch.array(ids))
                        .query(EventRepository::map)
                        .list(),
                Event::id);
    }

    public Connection<Event> page(EventFilter.Criteria filter, PageRequest page, boolean counts) {
        var query = KeysetQuery.<Event>of("Event")
                .select(COLUMNS)
                .from("events e")
                .orderBy(SORT_KEY, KeysetQuery.KeyType.DATE, "e.id", true)
                .map(EventRepository::map);
        if (filter.kind() != null) {
            query.where("e.kind = ?", filter.kind().name());
        }
        if (filter.status() != null) {
            query.where("e.status = ?", filter.status().name());
        }
        if (filter.participantId() != null) {
            query.where(
                    "exists (select 1 from event_participants fp where fp.event_id = e.id and fp.actor_id = ?)",
                    filter.participantId());
        }
        if (filter.from() != null) {
            // Overlap: the event's last day (the end of its end date's period, else of its start date's) is on
            // or after `from`; an ONGOING event without an end date lasts until now and beyond.
            query.where(
                    "(case when e.ends_on is not null then newsgraph_period_end(e.ends_on, e.ends_on_precision)"
                            + " when e.status = 'ONGOING' then 'infinity'::date"
                            + " else newsgraph_period_end(e.starts_on, e.starts_on_precision) end) >= ?",
                    filter.from());
        }
        if (filter.to() != null) {
            // On the sort key, so that it is an index condition of events_keyset; undated events excluded.
            query.where(SORT_KEY + " <= ? and " + SORT_KEY + " > '-infinity'::date", filter.to());
        }
        if (filter.text() != null) {
            query.where("e.search @@ newsgraph_tsquery(?)", filter.text());
        }
        return query.fetchOne(jdbc, page, counts);
    }

    /** An actor's participations, newest event first; the cursor key is the event's start, then the participation id. */
    public Map<Long, Connection<EventParticipant>> participationsOfActors(
            Collection<Long> actorIds, ParticipantRole role, PageRequest page, boolean counts) {
        var query = KeysetQuery.<EventParticipant>of("EventParticipant")
                .select(PARTICIPANT_COLUMNS)
                .from("event_participants ep join events e on e.id = ep.event_id")
                .where("ep.actor_id = p.id")
                .orderBy(SORT_KEY, KeysetQuery.KeyType.DATE, "ep.id", true)
                .map(EventRepository::mapParticipant);
        if (role != null) {
            query.where("ep.role = ?", role.name());
        }
        return query.fetch(jdbc, actorIds, page, counts);
    }

    static final String PARTICIPANT_COLUMNS =
            "ep.id, ep.event_id, ep.actor_id, ep.role, ep.represents_id, ep.note, ep.stance";

    static EventParticipant mapParticipant(ResultSet rs, int row) throws SQLException {
        return new EventParticipant(
                rs.getLong("id"),
                rs.getLong("event_id"),
                rs.getLong("actor_id"),
                ParticipantRole.valueOf(rs.getString("role")),
                (Long) rs.getObject("represents_id"),
                rs.getString("note"),
                stance(rs.getString("stance")));
    }

    /** The participants of events, by role then actor name. */
    public Map<Long, List<EventParticipant>> participantsOfEvents(Collection<Long> eventIds) {
        return jdbc
                .sql("select " + PARTICIPANT_COLUMNS + " from event_participants ep join actors a on a.id = ep.actor_id"
                        + " where ep.event_id = any(?) order by ep.event_id, ep.role, a.name, ep.id")
                .param(Batch.array(eventIds))
                .query(EventRepository::mapParticipant)
                .list()
                .stream()
                .collect(Collectors.groupingBy(EventParticipant::eventId, LinkedHashMap::new, Collectors.toList()));
    }

    /** Events linked to owners through a link table: {@code select owner_id, event_id ... where owner = any(?)}. */
    private Map<Long, List<Event>> linked(String linkSql, Collection<Long> ownerIds) {
        var result = new LinkedHashMap<Long, List<Event>>();
        jdbc.sql("select l.owner_id, " + COLUMNS + " from (" + linkSql + ") l join events e on e.id = l.event_id"
                        + " order by l.owner_id, " + ORDER)
                .param(Batch.array(ownerIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                            .add(map(rs, 0));
                });
        return result;
    }

    /** An event with its participants (in {@link #participantsOfEvents} order) and their actors (parallel list). */
    public record EventTree(Event event, List<EventParticipant> participants, List<Actor> actors) {}

    private static final String PARTICIPANT_ORDER = " order by ep.role, a.name, ep.id)";

    /**
     * The events of statements (in {@link #eventsOfStatements} order), each with its participants and their
     * actors, in one SQL statement: the participants are aggregated into arrays per event.
     */
    public Map<Long, List<EventTree>> eventTreesOfStatements(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, List<EventTree>>();
        jdbc.sql("select l.owner_id, " + COLUMNS + ", p.*"
                        + " from (select statement_id as owner_id, event_id from statement_events where statement_id = any(?)) l"
                        + " join events e on e.id = l.event_id"
                        + " left join lateral (select array_agg(ep.id" + PARTICIPANT_ORDER + " as p_ids,"
                        + " array_agg(ep.actor_id" + PARTICIPANT_ORDER + " as p_actor_ids,"
                        + " array_agg(ep.role" + PARTICIPANT_ORDER + " as p_roles,"
                        + " array_agg(ep.represents_id" + PARTICIPANT_ORDER + " as p_represents_ids,"
                        + " array_agg(ep.note" + PARTICIPANT_ORDER + " as p_notes,"
                        + " array_agg(ep.stance" + PARTICIPANT_ORDER + " as p_stances,"
                        + " array_agg(a.kind" + PARTICIPANT_ORDER + " as a_kinds,"
                        + " array_agg(a.name" + PARTICIPANT_ORDER + " as a_names,"
                        + " array_agg(a.description" + PARTICIPANT_ORDER + " as a_descriptions,"
                        + " array_agg(a.wikidata_id" + PARTICIPANT_ORDER + " as a_wikidata_ids"
                        + " from event_participants ep join actors a on a.id = ep.actor_id where ep.event_id = e.id) p on true"
                        + " order by l.owner_id, " + ORDER)
                .param(Batch.array(statementIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                            .add(mapTree(rs));
                });
        return result;
    }

    private static EventTree mapTree(ResultSet rs) throws SQLException {
        Event event = map(rs, 0);
        Long[] ids = array(rs, "p_ids", Long[].class);
        if (ids == null) {
            return new EventTree(event, List.of(), List.of());
        }
        Long[] actorIds = array(rs, "p_actor_ids", Long[].class);
        String[] roles = array(rs, "p_roles", String[].class);
        Long[] representsIds = array(rs, "p_represents_ids", Long[].class);
        String[] notes = array(rs, "p_notes", String[].class);
        String[] stances = array(rs, "p_stances", String[].class);
        String[] kinds = array(rs, "a_kinds", String[].class);
        String[] names = array(rs, "a_names", String[].class);
        String[] descriptions = array(rs, "a_descriptions", String[].class);
        String[] wikidataIds = array(rs, "a_wikidata_ids", String[].class);
        var participants = new ArrayList<EventParticipant>(ids.length);
        var actors = new ArrayList<Actor>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            participants.add(new EventParticipant(
                    ids[i],
                    event.id(),
                    actorIds[i],
                    ParticipantRole.valueOf(roles[i]),
                    representsIds[i],
                    notes[i],
                    stance(stances[i])));
            actors.add(new Actor(actorIds[i], ActorKind.valueOf(kinds[i]), names[i], descriptions[i], wikidataIds[i]));
        }
        return new EventTree(event, List.copyOf(participants), List.copyOf(actors));
    }

    private static <T> T array(ResultSet rs, String column, Class<T> type) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? null : type.cast(array.getArray());
    }

    public Map<Long, List<Event>> eventsOfStatements(Collection<Long> statementIds) {
        return linked(
                "select statement_id as owner_id, event_id from statement_events where statement_id = any(?)",
                statementIds);
    }

    public Map<Long, List<Event>> eventsOfArticles(Collection<Long> articleIds) {
        return linked(
                "select article_id as owner_id, event_id from article_events where article_id = any(?)", articleIds);
    }

    public Map<Long, List<Event>> subEventsOf(Collection<Long> parentIds) {
        return linked("select parent_id as owner_id, id as event_id from events where parent_id = any(?)", parentIds);
    }

    /** The relations of events in both directions, outgoing first. */
    public Map<Long, List<EventRelation>> relationsOf(Collection<Long> eventIds) {
        return jdbc
                .sql("""
                select event_id as owner_id, kind, 'OUTGOING' as direction, related_event_id as other_id, id
                  from event_relations where event_id = any(?1)
                union all
                select related_event_id, kind, 'INCOMING', event_id, id from event_relations where related_event_id = any(?1)
                order by owner_id, direction desc, kind, other_id""".replace("?1", "?"))
                .params(Batch.array(eventIds), Batch.array(eventIds))
                .query((rs, n) -> new EventRelation(
                        rs.getLong("owner_id"),
                        EventRelationKind.valueOf(rs.getString("kind")),
                        EventRelation.Direction.valueOf(rs.getString("direction")),
                        rs.getLong("other_id"),
                        rs.getLong("id")))
                .list()
                .stream()
                .collect(Collectors.groupingBy(EventRelation::eventId, LinkedHashMap::new, Collectors.toList()));
    }
}
