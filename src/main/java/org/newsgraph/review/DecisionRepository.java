package org.newsgraph.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Keyset;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code resolution_decisions} for the review queue and the {@code possibleDuplicates} /
 * {@code mergeEvidence} fields and their connections. Every list is oldest first: by the decision's id.
 */
@Repository
public class DecisionRepository {

    /** The cursor kind of every decision list (the node type's name, as the paging argument resolver gives it). */
    static final String CURSOR_KIND = "ResolutionDecision";

    private static final String COLUMNS = """
            d.id, d.entity, d.outcome, d.status, d.score, d.features::text as features,
            coalesce(d.mention ->> 'name', d.mention ->> 'title', '') as mention_name, d.ref, d.article_id,
            d.actor_id, d.other_actor_id, d.event_id, d.other_event_id, d.created_at, d.decided_at""";

    private static final Keyset OLDEST_FIRST = Keyset.byId(CURSOR_KIND, "d.id", false);

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public DecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private ResolutionDecision row(ResultSet rs, int n) throws SQLException {
        List<ResolutionDecision.Feature> features =
                json.readValue(rs.getString("features"), new TypeReference<List<ResolutionDecision.Feature>>() {});
        return new ResolutionDecision(
                rs.getLong("id"),
                rs.getString("entity"),
                rs.getString("outcome"),
                rs.getString("status"),
                rs.getDouble("score"),
                features,
                rs.getString("mention_name"),
                rs.getString("ref"),
                (Long) rs.getObject("article_id"),
                (Long) rs.getObject("actor_id"),
                (Long) rs.getObject("other_actor_id"),
                (Long) rs.getObject("event_id"),
                (Long) rs.getObject("other_event_id"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("decided_at", OffsetDateTime.class));
    }

    public ResolutionDecision find(long id) {
        return jdbc.sql("select " + COLUMNS + " from resolution_decisions d where d.id = ?")
                .param(id)
                .query(this::row)
                .optional()
                .orElse(null);
    }

    /** The review queue: a page of the pending candidates, oldest first. */
    public Connection<ResolutionDecision> pending(PageRequest page) {
        return decisions()
                .from("resolution_decisions d")
                .where("d.status = 'PENDING'")
                .fetchOne(jdbc, page);
    }

    /** Per actor (or event): a page of the pending candidates it is either side of. */
    public Map<Long, Connection<ResolutionDecision>> pendingPages(
            String entity, Collection<Long> ids, PageRequest page) {
        var column = column(entity);
        return decisions()
                .from("resolution_decisions d")
                .where("d.status = 'PENDING' and (d.%s_id = p.id or d.other_%s_id = p.id)".formatted(column, column))
                .fetch(jdbc, ids, page);
    }

    /** Per actor (or event): a page of the merges into it that the engine made or a curator confirmed. */
    public Map<Long, Connection<ResolutionDecision>> mergePages(String entity, Collection<Long> ids, PageRequest page) {
        return decisions()
                .from("resolution_decisions d")
                .where("d.%s_id = p.id and d.status in ('AUTOMATIC', 'CONFIRMED')".formatted(column(entity)))
                .fetch(jdbc, ids, page);
    }

    private KeysetQuery<ResolutionDecision> decisions() {
        return KeysetQuery.<ResolutionDecision>of(CURSOR_KIND)
                .select(COLUMNS)
                .orderBy(OLDEST_FIRST)
                .map(this::row);
    }

    /** Per actor (or event): every pending candidate it is either side of (the deprecated plain list). */
    public Map<Long, List<ResolutionDecision>> pendingFor(String entity, Collection<Long> ids) {
        var column = column(entity);
        return lists(
                "d.status = 'PENDING' and (d.%s_id = u.id or d.other_%s_id = u.id)".formatted(column, column), ids);
    }

    /** Per actor (or event): every merge into it, with its evidence (the deprecated plain list). */
    public Map<Long, List<ResolutionDecision>> mergesInto(String entity, Collection<Long> ids) {
        return lists("d.%s_id = u.id and d.status in ('AUTOMATIC', 'CONFIRMED')".formatted(column(entity)), ids);
    }

    private Map<Long, List<ResolutionDecision>> lists(String condition, Collection<Long> ids) {
        var out = new HashMap<Long, List<ResolutionDecision>>();
        jdbc.sql(
                        "select %s, u.id as owner_id from unnest(?::bigint[]) as u(id) join resolution_decisions d on %s order by d.id"
                                .formatted(COLUMNS, condition))
                .param(Batch.array(ids))
                .query((rs, n) -> out.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                        .add(row(rs, n)))
                .list();
        return out;
    }

    private static String column(String entity) {
        return entity.equals("ACTOR") ? "actor" : "event";
    }
}
