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
        return Batch.byId(EventRelation.LINKS.byNodeKeys(jdbc, keys), EventRelation::nodeKey);
    }
}
