package org.newsgraph.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Keyset;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL access to {@code events}, {@code event_participants} and {@code event_relations}, and the events of
 * other features' link tables ({@link #ofLinks}). Lists of events are newest first:
 * {@code starts_on desc nulls last, id desc}.
 */
@Repository
@Transactional(readOnly = true)
public class EventRepository extends NodeRepository<Event> {

    public static final String COLUMNS = "e.id, e.kind, e.title, e.description, e.status, e.starts_on,"
            + " e.starts_on_precision, e.ends_on, e.ends_on_precision, e.location, e.parent_id, e.external_key,"
            + " e.starts_at, e.ends_at";
    static final String SORT_KEY = "coalesce(e.starts_on, '-infinity'::date)";
    /** The order of an owner's events. */
    public static final String ORDER = SORT_KEY + " desc, e.id desc";

    public EventRepository(JdbcClient jdbc) {
        super(jdbc, "Event", COLUMNS, "events e", "e.id", EventRepository::map, Event::id);
    }

    public static Event map(ResultSet rs, int row) throws SQLException {
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

    /** The event with this external key (the key clients gave it when ingesting), or null. */
    public Event findByExternalKey(String externalKey) {
        return jdbc.sql("select " + COLUMNS + " from events e where e.external_key = ?")
                .param(externalKey)
                .query(EventRepository::map)
                .optional()
                .orElse(null);
    }

    /** A participant's stance column as the enum (null stays null). */
    public static ParticipantStance stance(String value) {
        return value == null ? null : ParticipantStance.valueOf(value);
    }

    private static DatePrecision precision(String value) {
        return value == null ? null : DatePrecision.valueOf(value);
    }

    public Connection<Event> page(EventFilter.Criteria filter, PageRequest page) {
        var query = KeysetQuery.<Event>of("Event")
                .select(COLUMNS)
                .from("events e")
                .orderBy(SORT_KEY, Keyset.KeyType.DATE, "e.id", true)
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
        return query.fetchOne(jdbc, page);
    }

    /** An actor's participations, newest event first; the cursor key is the event's start, then the participation id. */
    public Map<Long, Connection<EventParticipant>> participationsOfActors(
            Collection<Long> actorIds, ParticipantRole role, PageRequest page) {
        var query = KeysetQuery.<EventParticipant>of("EventParticipant")
                .select(PARTICIPANT_COLUMNS)
                .from("event_participants ep join events e on e.id = ep.event_id")
                .where("ep.actor_id = p.id")
                .orderBy(SORT_KEY, Keyset.KeyType.DATE, "ep.id", true)
                .map(EventRepository::mapParticipant);
        if (role != null) {
            query.where("ep.role = ?", role.name());
        }
        return query.fetch(jdbc, actorIds, page);
    }

    public static final String PARTICIPANT_COLUMNS =
            "ep.id, ep.event_id, ep.actor_id, ep.role, ep.represents_id, ep.note, ep.stance";

    public static EventParticipant mapParticipant(ResultSet rs, int row) throws SQLException {
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
        return Batch.byOwner(
                jdbc.sql("select " + PARTICIPANT_COLUMNS
                                + " from event_participants ep join actors a on a.id = ep.actor_id"
                                + " where ep.event_id = any(?) order by ep.event_id, ep.role, a.name, ep.id")
                        .param(Batch.array(eventIds))
                        .query(EventRepository::mapParticipant)
                        .list(),
                EventParticipant::eventId);
    }

    /**
     * The events of another feature's link-table rows, per owner, newest first.
     *
     * @param linkSql {@code select <owner> as owner_id, event_id from <links> where <owner> = any(?)}
     */
    public Map<Long, List<Event>> ofLinks(String linkSql, Collection<Long> ownerIds) {
        return ofLinks(linkSql, "event_id", ORDER, ownerIds);
    }

    public Map<Long, List<Event>> subEventsOf(Collection<Long> parentIds) {
        return ofLinks("select parent_id as owner_id, id as event_id from events where parent_id = any(?)", parentIds);
    }

    /** The relations of events in both directions, outgoing first. */
    public Map<Long, List<EventRelation>> relationsOf(Collection<Long> eventIds) {
        return EventRelation.LINKS.listsOf(jdbc, eventIds);
    }

    /** The parties of events, a page each: by role, then the actor's name (the order of {@link #participantsOfEvents}). */
    public Map<Long, Connection<EventParticipant>> participantPages(Collection<Long> eventIds, PageRequest page) {
        return KeysetQuery.<EventParticipant>of("EventParticipant")
                .select(PARTICIPANT_COLUMNS)
                .from("event_participants ep join actors a on a.id = ep.actor_id")
                .where("ep.event_id = p.id")
                .orderBy(Keyset.of(
                        "EventParticipant",
                        List.of(
                                new Keyset.Key("ep.role::text", Keyset.KeyType.TEXT),
                                new Keyset.Key("a.name", Keyset.KeyType.TEXT)),
                        "ep.id",
                        false))
                .map(EventRepository::mapParticipant)
                .fetch(jdbc, eventIds, page);
    }

    /** The sub-events of events, a page each, newest first (the order of {@link #page}). */
    public Map<Long, Connection<Event>> subEventPages(Collection<Long> parentIds, PageRequest page) {
        return KeysetQuery.<Event>of("Event")
                .select(COLUMNS)
                .from("events e")
                .where("e.parent_id = p.id")
                .orderBy(SORT_KEY, Keyset.KeyType.DATE, "e.id", true)
                .map(EventRepository::map)
                .fetch(jdbc, parentIds, page);
    }

    /** The relations of events in both directions, a page each: outgoing first, then by kind and row, descending. */
    public Map<Long, Connection<EventRelation>> relationPages(Collection<Long> eventIds, PageRequest page) {
        return EventRelation.LINKS.pagesOf(jdbc, eventIds, page);
    }
}
