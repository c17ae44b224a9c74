package org.newsgraph.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.statement.StatementFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Timelines of actors and events ({@code Actor.timeline}, {@code Event.timeline}), many owners in one SQL
 * statement. An actor's unfiltered timeline reads the analytics_rollups migration's rollups ({@code analytics_speaker_days},
 * {@code analytics_speaker_article_days}, and {@code analytics_speaker_months} with
 * {@code analytics_speaker_article_months} for months); a filtered one
 * aggregates its statements. One statement per method, so no transaction of its own ({@code SUPPORTS}).
 */
@Repository
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class TimelineRepository {

    private final JdbcClient jdbc;

    public TimelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The timelines of the actors as speakers: their statements, and the articles quoting them. */
    public Map<Long, Timeline> ofActors(Collection<Long> actorIds, DateBucket bucket, StatementFilter.Criteria filter) {
        var conditions = StatementConditions.of(filter);
        var params = new ArrayList<Object>();
        String statements;
        String articles;
        String publishedOn = "(r.published_at at time zone 'UTC')::date";
        if (conditions.isEmpty() && bucket == DateBucket.MONTH) {
            // the month rollup holds exactly these groups (analytics_apply_statements keeps it with the days):
            // a top speaker's 74 rows instead of grouping its 2,200 days (the SQL 2.2x faster on the corpus)
            statements = "select speaker_id as owner, period_start as p_start, period_precision as p_precision,"
                    + " sum(statements) as n, 0 as a"
                    + " from analytics_speaker_months where speaker_id = any(?) group by 1, 2, 3";
            params.add(Batch.array(actorIds));
            // and the articles from their month rollup (V140): ~70 rows instead of ~2,200 days on ~530 pages
            articles = "select speaker_id, period_start, case when period_start is not null then 'MONTH' end, 0,"
                    + " articles from analytics_speaker_article_months where speaker_id = any(?)";
            params.add(Batch.array(actorIds));
        } else if (conditions.isEmpty()) {
            statements = "select speaker_id as owner, " + Period.startSql("said_on", "said_on_precision", bucket)
                    + " as p_start, " + Period.precisionSql("said_on", "said_on_precision", bucket)
                    + " as p_precision, sum(statements) as n, 0 as a"
                    + " from analytics_speaker_days where speaker_id = any(?) group by 1, 2, 3";
            params.add(Batch.array(actorIds));
            articles = articlesByDay(bucket);
            params.add(Batch.array(actorIds));
        } else {
            statements = "select s.speaker_id as owner, " + Period.startSql("s.said_on", "s.said_on_precision", bucket)
                    + " as p_start, " + Period.precisionSql("s.said_on", "s.said_on_precision", bucket)
                    + " as p_precision, count(*) as n, 0 as a"
                    + " from statements s where s.speaker_id = any(?)" + conditions.and() + " group by 1, 2, 3";
            params.add(Batch.array(actorIds));
            params.addAll(conditions.params());
            articles = "select x.owner, " + Period.startSql(publishedOn, "'DAY'", bucket) + ", "
                    + Period.precisionSql(publishedOn, "'DAY'", bucket) + ", 0, count(*)"
                    + " from (select distinct s.speaker_id as owner, s.article_id from statements s"
                    + " where s.speaker_id = any(?)" + conditions.and() + ") x"
                    + " join articles r on r.id = x.article_id group by 1, 2, 3";
            params.add(Batch.array(actorIds));
            params.addAll(conditions.params());
        }
        return collect(actorIds, bucket, statements + " union all " + articles, params);
    }

    /** The articles quoting the actors (one parameter: their ids), from the rollup of days. */
    private static String articlesByDay(DateBucket bucket) {
        return "select speaker_id, " + Period.startSql("published_on", "'DAY'", bucket) + ", "
                + Period.precisionSql("published_on", "'DAY'", bucket) + ", 0, sum(articles)"
                + " from analytics_speaker_article_days where speaker_id = any(?) group by 1, 2, 3";
    }

    /** The timelines of events: statements about them, and articles reporting them. */
    public Map<Long, Timeline> ofEvents(Collection<Long> eventIds, DateBucket bucket) {
        String publishedOn = "(r.published_at at time zone 'UTC')::date";
        String sql = "select se.event_id as owner, " + Period.startSql("s.said_on", "s.said_on_precision", bucket)
                + " as p_start, " + Period.precisionSql("s.said_on", "s.said_on_precision", bucket)
                + " as p_precision, count(*) as n, 0 as a"
                + " from statement_events se join statements s on s.id = se.statement_id"
                + " where se.event_id = any(?) group by 1, 2, 3"
                + " union all select ae.event_id, " + Period.startSql(publishedOn, "'DAY'", bucket) + ", "
                + Period.precisionSql(publishedOn, "'DAY'", bucket) + ", 0, count(*)"
                + " from article_events ae join articles r on r.id = ae.article_id"
                + " where ae.event_id = any(?) group by 1, 2, 3";
        return collect(eventIds, bucket, sql, List.of(Batch.array(eventIds), Batch.array(eventIds)));
    }

    private record Key(Period period) {}

    private Map<Long, Timeline> collect(Collection<Long> ids, DateBucket bucket, String union, List<Object> params) {
        var points = new HashMap<Long, Map<Key, int[]>>();
        var undated = new HashMap<Long, int[]>();
        jdbc.sql("select owner, p_start as period_start, p_precision as period_precision, sum(n) as statements,"
                        + " sum(a) as articles from (" + union + ") u group by 1, 2, 3")
                .params(params)
                .query(rs -> {
                    long owner = rs.getLong("owner");
                    int statements = rs.getInt("statements");
                    int articles = rs.getInt("articles");
                    var period = Period.read(rs, "period");
                    int[] counts = period == null
                            ? undated.computeIfAbsent(owner, o -> new int[2])
                            : points.computeIfAbsent(owner, o -> new LinkedHashMap<>())
                                    .computeIfAbsent(new Key(period), k -> new int[2]);
                    counts[0] += statements;
                    counts[1] += articles;
                });
        var result = new LinkedHashMap<Long, Timeline>();
        for (Long id : ids) {
            var list = new ArrayList<Timeline.Point>();
            points.getOrDefault(id, Map.of())
                    .forEach((key, counts) -> list.add(new Timeline.Point(key.period(), counts[0], counts[1])));
            list.sort(POINT_ORDER);
            int[] none = undated.getOrDefault(id, new int[2]);
            result.put(id, new Timeline(bucket, List.copyOf(list), none[0], none[1]));
        }
        return result;
    }

    /** Oldest first; of periods starting on the same day, the longer one first (it contains the others). */
    static final Comparator<Timeline.Point> POINT_ORDER = Comparator.<Timeline.Point, java.time.LocalDate>comparing(
                    p -> p.period().start())
            .thenComparing(p -> p.period().end(), Comparator.reverseOrder());
}
