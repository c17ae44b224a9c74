package org.newsgraph.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.NodeRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SQL access to {@code event_status_changes}, and participations and relations by their own ids (they are
 * {@code Node}s, so that client caches can key them): each a {@link NodeRepository} bean.
 */
@Configuration(proxyBeanMethods = false)
public class EventDetailRepository {

    private final JdbcClient jdbc;

    public EventDetailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String CHANGE_COLUMNS =
            "c.id, c.event_id, c.status, c.changed_on, c.changed_on_precision, c.note";

    private static EventStatusChange mapChange(ResultSet rs, int row) throws SQLException {
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
        return jdbc
                .sql("select " + CHANGE_COLUMNS + " from event_status_changes c where c.event_id = any(?)"
                        + " order by c.event_id, c.changed_on nulls first, c.id")
                .param(Batch.array(eventIds))
                .query(EventDetailRepository::mapChange)
                .list()
                .stream()
                .collect(Collectors.groupingBy(EventStatusChange::eventId, LinkedHashMap::new, Collectors.toList()));
    }

    Map<Long, EventStatusChange> statusChangesByIds(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql("select " + CHANGE_COLUMNS + " from event_status_changes c where c.id = any(?)")
                        .param(Batch.array(ids))
                        .query(EventDetailRepository::mapChange)
                        .list(),
                EventStatusChange::id);
    }

    Map<Long, EventParticipant> participantsByIds(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql("select " + EventRepository.PARTICIPANT_COLUMNS
                                + " from event_participants ep where ep.id = any(?)")
                        .param(Batch.array(ids))
                        .query(EventRepository::mapParticipant)
                        .list(),
                EventParticipant::id);
    }

    /** Relations by {@link EventRelation#nodeKey()}: the row id and the side it is seen from. */
    Map<Long, EventRelation> relationsByNodeKeys(Collection<Long> keys) {
        return Batch.byId(
                jdbc.sql("""
                        select k.key, r.id, r.kind,
                               case when k.key % 2 = 0 then r.event_id else r.related_event_id end as owner_id,
                               case when k.key % 2 = 0 then r.related_event_id else r.event_id end as other_id,
                               case when k.key % 2 = 0 then 'OUTGOING' else 'INCOMING' end as direction
                        from unnest(?::bigint[]) as k(key) join event_relations r on r.id = k.key / 2""")
                        .param(Batch.array(keys))
                        .query((rs, n) -> new EventRelation(
                                rs.getLong("owner_id"),
                                EventRelationKind.valueOf(rs.getString("kind")),
                                EventRelation.Direction.valueOf(rs.getString("direction")),
                                rs.getLong("other_id"),
                                rs.getLong("id")))
                        .list(),
                EventRelation::nodeKey);
    }

    @Bean
    NodeRepository<EventStatusChange> eventStatusChangeNodes() {
        return NodeRepository.of("EventStatusChange", this::statusChangesByIds);
    }

    @Bean
    NodeRepository<EventParticipant> eventParticipantNodes() {
        return NodeRepository.of("EventParticipant", this::participantsByIds);
    }

    @Bean
    NodeRepository<EventRelation> eventRelationNodes() {
        return NodeRepository.of("EventRelation", this::relationsByNodeKeys);
    }
}
