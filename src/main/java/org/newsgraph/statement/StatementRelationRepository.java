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
        return Batch.byId(
                jdbc.sql("""
                        select r.id, r.kind,
                               case when k.key % 2 = 0 then r.statement_id else r.related_statement_id end as owner_id,
                               case when k.key % 2 = 0 then r.related_statement_id else r.statement_id end as other_id,
                               case when k.key % 2 = 0 then 'OUTGOING' else 'INCOMING' end as direction
                        from unnest(?::bigint[]) as k(key) join statement_relations r on r.id = k.key / 2""")
                        .param(Batch.array(keys))
                        .query((rs, n) -> new StatementRelation(
                                rs.getLong("owner_id"),
                                StatementRelationKind.valueOf(rs.getString("kind")),
                                StatementRelation.Direction.valueOf(rs.getString("direction")),
                                rs.getLong("other_id"),
                                rs.getLong("id")))
                        .list(),
                StatementRelation::nodeKey);
    }
}
