package org.newsgraph.analytics;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.relay.Batch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links between actors ({@code Actor.network}, the evidence of its edges) and the coverage of events
 * ({@code Event.coverage}), many owners per SQL statement. Quoting, mentions and relays are read from the analytics_rollups migration's
 * rollups {@code analytics_event_speakers} and {@code analytics_actor_links}; participation from
 * {@code event_participants}. One statement per method, so no transaction of its own ({@code SUPPORTS}).
 */
@Repository
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class NetworkRepository {

    private final JdbcClient jdbc;

    public NetworkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** SQL of (other, via, weight) rows of actor {@code p.id}, one branch per kind of link. */
    static String linksSql(Set<NetworkLink> via) {
        var branches = new ArrayList<String>();
        if (via.contains(NetworkLink.CO_PARTICIPANT)) {
            branches.add("select ep2.actor_id as other, 'CO_PARTICIPANT' as via, count(distinct ep1.event_id) as w"
                    + " from event_participants ep1 join event_participants ep2 on ep2.event_id = ep1.event_id"
                    + " where ep1.actor_id = p.id and ep2.actor_id <> p.id group by 1");
        }
        if (via.contains(NetworkLink.QUOTED_ON_SAME_EVENT)) {
            branches.add("select o.speaker_id as other, 'QUOTED_ON_SAME_EVENT' as via, count(*) as w"
                    + " from analytics_event_speakers m join analytics_event_speakers o on o.event_id = m.event_id"
                    + " where m.speaker_id = p.id and o.speaker_id <> p.id group by 1");
        }
        for (var link : List.of(NetworkLink.RELAYED, NetworkLink.MENTIONED)) {
            if (via.contains(link)) {
                branches.add("select l.other_id as other, '" + link
                        + "' as via, l.statements as w from analytics_actor_links l" + " where l.kind = '" + link
                        + "' and l.speaker_id = p.id and l.other_id <> p.id");
                branches.add("select l.speaker_id as other, '" + link + "' as via, l.statements as w"
                        + " from analytics_actor_links l"
                        + " where l.kind = '" + link + "' and l.other_id = p.id and l.speaker_id <> p.id");
            }
        }
        return String.join(" union all ", branches);
    }

    /** The strongest {@code first} links of every actor, strongest first, ties by the other actor's id. */
    public Map<Long, List<NetworkEdge>> networks(Collection<Long> actorIds, Set<NetworkLink> via, int first) {
        var result = new LinkedHashMap<Long, List<NetworkEdge>>();
        actorIds.forEach(id -> result.put(id, new ArrayList<>()));
        String weights = via.stream()
                .map(v -> "coalesce(sum(u.w) filter (where u.via = '" + v + "'), 0) as w_"
                        + v.name().toLowerCase())
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        String sql = "select p.id as owner, t.* from unnest(?::bigint[]) as p(id) cross join lateral ("
                + "select u.other, sum(u.w) as weight, " + weights + " from (" + linksSql(via) + ") u"
                + " group by u.other order by weight desc, u.other limit ?) t";
        jdbc.sql(sql).params(Batch.array(actorIds), first).query(rs -> {
            var links = new ArrayList<NetworkEdge.LinkWeight>();
            for (var v : NetworkLink.values()) {
                if (via.contains(v)) {
                    int w = rs.getInt("w_" + v.name().toLowerCase());
                    if (w > 0) {
                        links.add(new NetworkEdge.LinkWeight(v, w));
                    }
                }
            }
            long owner = rs.getLong("owner");
            result.get(owner)
                    .add(new NetworkEdge(owner, rs.getLong("other"), rs.getInt("weight"), List.copyOf(links), via));
        });
        return result;
    }

    /** A pair of actors, the key of an edge's evidence. */
    public record Pair(long ownerId, long actorId) {}

    /** The events both actors of each pair take part in or are quoted on (for the asked kinds), newest first. */
    public Map<Pair, List<Long>> sharedEvents(Collection<Pair> pairs, Set<NetworkLink> via, int first) {
        var branches = new ArrayList<String>();
        if (via.contains(NetworkLink.CO_PARTICIPANT)) {
            branches.add("select ep1.event_id from event_participants ep1 join event_participants ep2"
                    + " on ep2.event_id = ep1.event_id where ep1.actor_id = p.o and ep2.actor_id = p.x");
        }
        if (via.contains(NetworkLink.QUOTED_ON_SAME_EVENT)) {
            branches.add("select m.event_id from analytics_event_speakers m join analytics_event_speakers o"
                    + " on o.event_id = m.event_id where m.speaker_id = p.o and o.speaker_id = p.x");
        }
        if (branches.isEmpty()) {
            return Map.of();
        }
        String sql = "select p.o, p.x, e.id from unnest(?::bigint[], ?::bigint[]) as p(o, x) cross join lateral ("
                + "select e.id from events e where e.id in (" + String.join(" union ", branches) + ")"
                + " order by coalesce(e.starts_on, '-infinity'::date) desc, e.id desc limit ?) e";
        return pairRows(sql, pairs, first);
    }

    /** The statements of either actor of each pair that mention the other or that the other relays, newest first. */
    public Map<Pair, List<Long>> sharedStatements(Collection<Pair> pairs, Set<NetworkLink> via, int first) {
        var branches = new ArrayList<String>();
        if (via.contains(NetworkLink.MENTIONED)) {
            branches.add("select s.id, coalesce(s.said_on, '-infinity'::date) as k from statement_mentions m"
                    + " join statements s on s.id = m.statement_id where m.actor_id = p.x and s.speaker_id = p.o");
            branches.add("select s.id, coalesce(s.said_on, '-infinity'::date) from statement_mentions m"
                    + " join statements s on s.id = m.statement_id where m.actor_id = p.o and s.speaker_id = p.x");
        }
        if (via.contains(NetworkLink.RELAYED)) {
            branches.add("select s.id, coalesce(s.said_on, '-infinity'::date) from statement_relays r"
                    + " join statements s on s.id = r.statement_id where r.actor_id = p.x and s.speaker_id = p.o");
            branches.add("select s.id, coalesce(s.said_on, '-infinity'::date) from statement_relays r"
                    + " join statements s on s.id = r.statement_id where r.actor_id = p.o and s.speaker_id = p.x");
        }
        if (branches.isEmpty()) {
            return Map.of();
        }
        String sql = "select p.o, p.x, t.id from unnest(?::bigint[], ?::bigint[]) as p(o, x) cross join lateral ("
                + "select distinct u.id, u.k from (" + String.join(" union all ", branches) + ") u"
                + " order by u.k desc, u.id desc limit ?) t";
        return pairRows(sql, pairs, first);
    }

    private Map<Pair, List<Long>> pairRows(String sql, Collection<Pair> pairs, int first) {
        var result = new LinkedHashMap<Pair, List<Long>>();
        pairs.forEach(pair -> result.put(pair, new ArrayList<>()));
        long[] owners = pairs.stream().mapToLong(Pair::ownerId).toArray();
        long[] others = pairs.stream().mapToLong(Pair::actorId).toArray();
        jdbc.sql(sql).params(owners, others, first).query(rs -> {
            result.get(new Pair(rs.getLong(1), rs.getLong(2))).add(rs.getLong(3));
        });
        return result;
    }

    /** Per event, per publisher: articles reporting it, their first and last publication, statements about it. */
    public Map<Long, List<EventCoverage>> coverage(Collection<Long> eventIds) {
        var result = new LinkedHashMap<Long, List<EventCoverage>>();
        eventIds.forEach(id -> result.put(id, new ArrayList<>()));
        String sql = "select event_id, publisher_id, sum(articles) as articles, sum(statements) as statements,"
                + " min(first_at) as first_at, max(last_at) as last_at from ("
                + "select ae.event_id, r.publisher_id, count(*) as articles, 0 as statements,"
                + " min(r.published_at) as first_at, max(r.published_at) as last_at"
                + " from article_events ae join articles r on r.id = ae.article_id where ae.event_id = any(?) group by 1, 2"
                + " union all select se.event_id, r.publisher_id, 0, count(*), null, null"
                + " from statement_events se join statements s on s.id = se.statement_id join articles r on r.id = s.article_id"
                + " where se.event_id = any(?) group by 1, 2) u"
                + " group by 1, 2 order by 1, sum(articles) desc, sum(statements) desc, 2 nulls last";
        jdbc.sql(sql).params(Batch.array(eventIds), Batch.array(eventIds)).query(rs -> {
            long event = rs.getLong("event_id");
            result.get(event)
                    .add(new EventCoverage(
                            event,
                            rs.getObject("publisher_id", Long.class),
                            rs.getInt("articles"),
                            rs.getInt("statements"),
                            rs.getObject("first_at", OffsetDateTime.class),
                            rs.getObject("last_at", OffsetDateTime.class)));
        });
        return result;
    }

    static Set<NetworkLink> viaOrAll(List<NetworkLink> via) {
        return via == null || via.isEmpty() ? EnumSet.allOf(NetworkLink.class) : EnumSet.copyOf(via);
    }
}
