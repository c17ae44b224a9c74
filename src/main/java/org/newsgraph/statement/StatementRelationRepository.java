package org.newsgraph.statement;

import java.util.Collection;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.NodeRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Relations between statements ({@code statement_relations}) as {@code Node}s: a row is two nodes, one seen
 * from each statement, keyed by {@link StatementRelation#nodeKey()}.
 */
@Repository
public class StatementRelationRepository extends NodeRepository<StatementRelation> {

    public StatementRelationRepository(JdbcClient jdbc) {
        super(
                jdbc,
                "StatementRelation",
                "r.id",
                "statement_relations r",
                "r.id",
                (rs, n) -> null,
                StatementRelation::nodeKey);
    }

    @Override
    public Map<Long, StatementRelation> findByIds(Collection<Long> keys) {
        return Batch.byId(StatementRelation.LINKS.byNodeKeys(jdbc, keys), StatementRelation::nodeKey);
    }
}
