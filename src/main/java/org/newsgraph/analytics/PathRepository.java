package org.newsgraph.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.error.ApiException;
import org.newsgraph.relay.Batch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shortest paths between two actors ({@code Query.actorPaths}), searched from both ends: one SQL statement
 * per step of the search (the neighbours of a whole frontier at once), at most three steps. A path of
 * three steps is found as a link between a neighbour of each end, so no frontier beyond the ends'
 * neighbours is ever expanded.
 */
@Repository
@Transactional(readOnly = true)
public class PathRepository {

    public static final int MAX_DEPTH = 3;
    public static final int MAX_PATHS = 20;

    private final JdbcClient jdbc;

    public PathRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ActorPath> shortestPaths(long from, long to, int maxDepth, int first) {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw ApiException.badInput(
                    "INVALID_DEPTH", "maxDepth must be 1 to " + MAX_DEPTH + ", but was " + maxDepth);
        }
        if (first < 0 || first > MAX_PATHS) {
            throw ApiException.badInput("INVALID_PAGE_SIZE", "first must be 0 to " + MAX_PATHS + ", but was " + first);
        }
        var paths = new ArrayList<ActorPath>();
        if (from == to || first == 0) {
            return paths;
        }
        for (var step : links(List.of(from), List.of(to), first)) {
            paths.add(new ActorPath(List.of(from, to), List.of(step)));
        }
        if (!paths.isEmpty() || maxDepth < 2) {
            return paths;
        }
        Map<Long, ActorPath.Step> nearFrom = byOther(links(List.of(from), null, Integer.MAX_VALUE));
        Map<Long, ActorPath.Step> nearTo = byOther(links(List.of(to), null, Integer.MAX_VALUE));
        for (var middle : nearFrom.keySet()) {
            if (nearTo.containsKey(middle) && paths.size() < first) {
                paths.add(new ActorPath(
                        List.of(from, middle, to),
                        List.of(nearFrom.get(middle), nearTo.get(middle).reversed())));
            }
        }
        if (!paths.isEmpty() || maxDepth < 3 || nearFrom.isEmpty() || nearTo.isEmpty()) {
            return paths;
        }
        nearFrom.remove(to);
        nearTo.remove(from);
        for (var bridge : links(nearFrom.keySet(), nearTo.keySet(), first)) {
            paths.add(new ActorPath(
                    List.of(from, bridge.from(), bridge.to(), to),
                    List.of(
                            nearFrom.get(bridge.from()),
                            bridge,
                            nearTo.get(bridge.to()).reversed())));
        }
        return paths;
    }

    private static Map<Long, ActorPath.Step> byOther(List<ActorPath.Step> steps) {
        var result = new LinkedHashMap<Long, ActorPath.Step>();
        steps.forEach(step -> result.putIfAbsent(step.to(), step));
        return result;
    }

    /**
     * One link (the newest evidence, preferring shared participation, then quoting, mentions, relays) from
     * each actor of {@code from} to each actor it is linked to, or only to those in {@code to}.
     */
    List<ActorPath.Step> links(Collection<Long> from, Collection<Long> to, int limit) {
        String only = to == null ? "" : " and %s = any(?)";
        var params = new ArrayList<Object>();
        var branches = new ArrayList<String>();
        branches.add("select ep1.actor_id as a, ep2.actor_id as b, 1 as rank, ep1.event_id as event_id,"
                + " null::bigint as statement_id from event_participants ep1 join event_participants ep2"
                + " on ep2.event_id = ep1.event_id where ep1.actor_id = any(?) and ep2.actor_id <> ep1.actor_id"
                + only.formatted("ep2.actor_id"));
        branches.add("select m.speaker_id, o.speaker_id, 2, m.event_id, null from analytics_event_speakers m"
                + " join analytics_event_speakers o on o.event_id = m.event_id"
                + " where m.speaker_id = any(?) and o.speaker_id <> m.speaker_id" + only.formatted("o.speaker_id"));
        for (String table : List.of("statement_mentions", "statement_relays")) {
            int rank = (table.equals("statement_mentions") ? NetworkLink.MENTIONED : NetworkLink.RELAYED).ordinal() + 1;
            branches.add("select s.speaker_id, l.actor_id, " + rank + ", null, s.id from statements s join " + table
                    + " l on l.statement_id = s.id where s.speaker_id = any(?) and l.actor_id <> s.speaker_id"
                    + only.formatted("l.actor_id"));
            branches.add("select l.actor_id, s.speaker_id, " + rank + ", null, s.id from " + table
                    + " l join statements s on s.id = l.statement_id where l.actor_id = any(?)"
                    + " and s.speaker_id <> l.actor_id" + only.formatted("s.speaker_id"));
        }
        for (int i = 0; i < branches.size(); i++) {
            params.add(Batch.array(from));
            if (to != null) {
                params.add(Batch.array(to));
            }
        }
        String sql = "select * from (select distinct on (a, b) a, b, rank, event_id, statement_id from ("
                + String.join(" union all ", branches)
                + ") x order by a, b, rank, event_id desc nulls last, statement_id desc nulls last) y"
                + " order by rank, a, b limit ?";
        params.add(limit);
        return jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new ActorPath.Step(
                        rs.getLong("a"),
                        rs.getLong("b"),
                        NetworkLink.values()[rs.getInt("rank") - 1],
                        rs.getObject("event_id", Long.class),
                        rs.getObject("statement_id", Long.class)))
                .list();
    }
}
