package org.newsgraph.event;

import java.util.Collection;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.NodeRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Relations between events ({@code event_relations}) as {@code Node}s. A row is two nodes, one seen from each
 * of its events (their {@code direction} and {@code event} differ): the key is {@link EventRelation#nodeKey()}.
 */
@Repository
public class EventRelationRepository extends NodeRepository<EventRelation> {

    public EventRelationRepository(JdbcClient jdbc) {
        super(jdbc, "EventRelation", "r.id", "event_relations r", "r.id", (rs, n) -> null, EventRelation::nodeKey);
    }

    @Override
    public Map<Long, EventRelation> findByIds(Collection<Long> keys) {
        return Batch.byId(
                jdbc.sql("""
                        select r.id, r.kind,
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
}
