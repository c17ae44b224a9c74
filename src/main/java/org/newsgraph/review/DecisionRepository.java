package org.newsgraph.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code resolution_decisions} for the review queue and the {@code possibleDuplicates} / {@code mergeEvidence} fields. */
@Repository
public class DecisionRepository {

    private static final String COLUMNS = """
            d.id, d.entity, d.outcome, d.status, d.score, d.features::text,
            coalesce(d.mention ->> 'name', d.mention ->> 'title', ''), d.ref, d.article_id, d.actor_id,
            d.other_actor_id, d.event_id, d.other_event_id, d.created_at, d.decided_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public DecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private ResolutionDecision row(ResultSet rs, int n) throws SQLException {
        List<ResolutionDecision.Feature> features =
                json.readValue(rs.getString(6), new TypeReference<List<ResolutionDecision.Feature>>() {});
        return new ResolutionDecision(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getDouble(5),
                features,
                rs.getString(7),
                rs.getString(8),
                (Long) rs.getObject(9),
                (Long) rs.getObject(10),
                (Long) rs.getObject(11),
                (Long) rs.getObject(12),
                (Long) rs.getObject(13),
                rs.getObject(14, OffsetDateTime.class),
                rs.getObject(15, OffsetDateTime.class));
    }

    public ResolutionDecision find(long id) {
        return jdbc.sql("select " + COLUMNS + " from resolution_decisions d where d.id = ?")
                .param(id)
                .query(this::row)
                .optional()
                .orElse(null);
    }

    /** Pending candidates, oldest first, after the given ID (keyset), at most {@code limit}. */
    public List<ResolutionDecision> pending(long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from resolution_decisions d where d.status = 'PENDING' and d.id > ? order by d.id limit ?")
                .param(afterId)
                .param(limit)
                .query(this::row)
                .list();
    }

    /** Per actor (or event): pending candidates it is either side of. */
    public Map<Long, List<ResolutionDecision>> pendingFor(String entity, Collection<Long> ids) {
        var column = entity.equals("ACTOR") ? "actor" : "event";
        var rows = jdbc.sql(
                        "select %s, u.id from unnest(?::bigint[]) as u(id) join resolution_decisions d on d.status = 'PENDING' and (d.%s_id = u.id or d.other_%s_id = u.id) order by d.id"
                                .formatted(COLUMNS, column, column))
                .param(Batch.array(ids))
                .query((rs, n) -> Map.entry(rs.getLong(16), row(rs, n)))
                .list();
        return group(rows);
    }

    /** Per actor (or event): the merges into it the engine made or a curator confirmed, with their evidence. */
    public Map<Long, List<ResolutionDecision>> mergesInto(String entity, Collection<Long> ids) {
        var column = entity.equals("ACTOR") ? "actor" : "event";
        var rows = jdbc.sql(
                        "select %s, u.id from unnest(?::bigint[]) as u(id) join resolution_decisions d on d.%s_id = u.id and d.status in ('AUTOMATIC', 'CONFIRMED') order by d.id"
                                .formatted(COLUMNS, column))
                .param(Batch.array(ids))
                .query((rs, n) -> Map.entry(rs.getLong(16), row(rs, n)))
                .list();
        return group(rows);
    }

    private static Map<Long, List<ResolutionDecision>> group(List<Map.Entry<Long, ResolutionDecision>> rows) {
        var out = new java.util.HashMap<Long, List<ResolutionDecision>>();
        for (var e : rows)
            out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue());
        return out;
    }
}
