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

/** SQL access to {@code event_status_changes}: an event's status history, and the changes as {@code Node}s. */
@Repository
public class EventStatusChangeRepository extends NodeRepository<EventStatusChange> {

    private static final String COLUMNS = "c.id, c.event_id, c.status, c.changed_on, c.changed_on_precision, c.note";

    public EventStatusChangeRepository(JdbcClient jdbc) {
        super(
                jdbc,
                "EventStatusChange",
                COLUMNS,
                "event_status_changes c",
                "c.id",
                EventStatusChangeRepository::map,
                EventStatusChange::id);
    }

    private static EventStatusChange map(ResultSet rs, int row) throws SQLException {
        String precision = rs.getString("changed_on_precision");
        return new EventStatusChange(
                rs.getLong("id"),
                rs.getLong("event_id"),
                EventStatus.valueOf(rs.getString("status")),
                rs.getObject("changed_on", LocalDate.class),
                precision == null ? null : DatePrecision.valueOf(precision),
                rs.getString("note"));
    }

    /** The status history of events, oldest first: undated changes first, in the order they were recorded. */
    public Map<Long, List<EventStatusChange>> statusHistoryOf(Collection<Long> eventIds) {
        return Batch.byOwner(
                jdbc.sql("select " + COLUMNS + " from event_status_changes c where c.event_id = any(?)"
                                + " order by c.event_id, c.changed_on nulls first, c.id")
                        .param(Batch.array(eventIds))
                        .query(EventStatusChangeRepository::map)
                        .list(),
                EventStatusChange::eventId);
    }

    /** The status history of events, a page each, in the order of {@link #statusHistoryOf}. */
    public Map<Long, Connection<EventStatusChange>> statusHistoryPages(Collection<Long> eventIds, PageRequest page) {
        return KeysetQuery.<EventStatusChange>of("EventStatusChange")
                .select(COLUMNS)
                .from("event_status_changes c")
                .where("c.event_id = p.id")
                .orderBy("coalesce(c.changed_on, '-infinity'::date)", Keyset.KeyType.DATE, "c.id", false)
                .map(EventStatusChangeRepository::map)
                .fetch(jdbc, eventIds, page);
    }
}
