package org.newsgraph.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.newsgraph.article.ArticleFilter;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.event.EventFilter;
import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventStatus;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grouped counts of {@code statementStats}, {@code eventStats} and {@code articleStats}. Unfiltered
 * statement counts by speaker and/or date read V140's rollups; everything else aggregates the base tables.
 */
@Repository
@Transactional(readOnly = true)
public class StatsRepository {

    private static final String PUBLISHED_ON = "(r.published_at at time zone 'UTC')::date";

    private final JdbcClient jdbc;

    public StatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The dimensions without repeats, checked: at most one date bucket. */
    static <G extends Enum<G>> List<G> dimensions(List<G> groupBy, java.util.function.Function<G, DateBucket> bucket) {
        Set<G> distinct = new LinkedHashSet<>(groupBy == null ? List.of() : groupBy);
        long buckets = distinct.stream().filter(g -> bucket.apply(g) != null).count();
        if (buckets > 1) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_GROUPING,
                    "groupBy takes at most one date bucket (DAY, WEEK, MONTH or YEAR), got " + buckets);
        }
        return List.copyOf(distinct);
    }

    public Connection<StatementGroup> statementGroups(StatementGroup.Spec spec, PageRequest page, boolean counts) {
        var query = new GroupQuery("StatementGroup");
        var dims = spec.groupBy();
        DateBucket bucket = spec.bucket();
        boolean rollup = spec.filter().equals(StatementFilter.Criteria.NONE)
                && dims.stream().allMatch(g -> g == StatementGrouping.SPEAKER || g.bucket() != null);
        if (rollup) {
            boolean months = bucket == null || bucket == DateBucket.MONTH || bucket == DateBucket.YEAR;
            String date = months ? "m.period_start" : "m.said_on";
            String precision = months ? "m.period_precision" : "m.said_on_precision";
            query.from(months ? "analytics_speaker_months m" : "analytics_speaker_days m");
            boolean exact = months
                    && bucket == DateBucket.MONTH
                    && dims.contains(StatementGrouping.SPEAKER)
                    && dims.size() == 2;
            for (var dim : dims) {
                if (dim == StatementGrouping.SPEAKER) {
                    query.key("speaker", "m.speaker_id", GroupQuery.KeyType.BIGINT);
                } else if (exact) {
                    query.key("period_start", date, GroupQuery.KeyType.DATE);
                    query.key("period_precision", precision, GroupQuery.KeyType.TEXT);
                } else {
                    periodKeys(query, date, precision, bucket);
                }
            }
            // The rollup's rows are (speaker, month period) groups already.
            query.count(exact ? "m.statements" : "sum(m.statements)", !exact);
        } else {
            var from = new StringBuilder("statements s");
            for (var dim : dims) {
                switch (dim) {
                    case SPEAKER -> query.key("speaker", "s.speaker_id", GroupQuery.KeyType.BIGINT);
                    case KIND -> query.key("kind", "s.kind", GroupQuery.KeyType.TEXT);
                    case PUBLISHER -> {
                        query.key("publisher", "r.publisher_id", GroupQuery.KeyType.BIGINT);
                        from.append(" join articles r on r.id = s.article_id");
                    }
                    case EVENT -> {
                        query.key("event", "se.event_id", GroupQuery.KeyType.BIGINT);
                        from.append(" left join statement_events se on se.statement_id = s.id");
                    }
                    default -> periodKeys(query, "s.said_on", "s.said_on_precision", bucket);
                }
            }
            query.from(from.toString());
            var conditions = StatementConditions.of(spec.filter());
            if (!conditions.isEmpty()) {
                query.where(String.join(" and ", conditions.conditions()), conditions.params());
            }
        }
        return query.fetch(jdbc, page, counts)
                .map(row -> new StatementGroup(
                        row.count(),
                        (Long) row.values().get("speaker"),
                        row.values().get("kind") == null
                                ? null
                                : StatementKind.valueOf((String) row.values().get("kind")),
                        (Long) row.values().get("publisher"),
                        (Long) row.values().get("event"),
                        period(row),
                        spec));
    }

    public Connection<EventGroup> eventGroups(
            EventFilter.Criteria filter, List<EventGrouping> dims, PageRequest page, boolean counts) {
        var query = new GroupQuery("EventGroup");
        var from = new StringBuilder("events e");
        DateBucket bucket = dims.stream()
                .map(EventGrouping::bucket)
                .filter(b -> b != null)
                .findFirst()
                .orElse(null);
        for (var dim : dims) {
            switch (dim) {
                case KIND -> query.key("kind", "e.kind", GroupQuery.KeyType.TEXT);
                case STATUS -> query.key("status", "e.status", GroupQuery.KeyType.TEXT);
                case PARTICIPANT -> {
                    query.key("participant", "ep.actor_id", GroupQuery.KeyType.BIGINT);
                    from.append(" left join event_participants ep on ep.event_id = e.id");
                }
                default -> periodKeys(query, "e.starts_on", "e.starts_on_precision", bucket);
            }
        }
        query.from(from.toString());
        // An actor in two roles of one event counts the event once.
        query.count(dims.contains(EventGrouping.PARTICIPANT) ? "count(distinct e.id)" : "count(*)", true);
        var conditions = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (filter.kind() != null) {
            conditions.add("e.kind = ?");
            params.add(filter.kind().name());
        }
        if (filter.status() != null) {
            conditions.add("e.status = ?");
            params.add(filter.status().name());
        }
        if (filter.participantId() != null) {
            conditions.add("exists (select 1 from event_participants fp where fp.event_id = e.id and fp.actor_id = ?)");
            params.add(filter.participantId());
        }
        if (filter.from() != null) {
            conditions.add("coalesce(e.ends_on, e.starts_on) >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            conditions.add("e.starts_on <= ?");
            params.add(filter.to());
        }
        if (filter.text() != null) {
            conditions.add("e.search @@ newsgraph_tsquery(?)");
            params.add(filter.text());
        }
        if (!conditions.isEmpty()) {
            query.where(String.join(" and ", conditions), params);
        }
        return query.fetch(jdbc, page, counts)
                .map(row -> new EventGroup(
                        row.count(),
                        row.values().get("kind") == null
                                ? null
                                : EventKind.valueOf((String) row.values().get("kind")),
                        row.values().get("status") == null
                                ? null
                                : EventStatus.valueOf((String) row.values().get("status")),
                        (Long) row.values().get("participant"),
                        period(row)));
    }

    public Connection<ArticleGroup> articleGroups(
            ArticleFilter.Criteria filter, List<ArticleGrouping> dims, PageRequest page, boolean counts) {
        var query = new GroupQuery("ArticleGroup").from("articles r");
        DateBucket bucket = dims.stream()
                .map(ArticleGrouping::bucket)
                .filter(b -> b != null)
                .findFirst()
                .orElse(null);
        for (var dim : dims) {
            if (dim == ArticleGrouping.PUBLISHER) {
                query.key("publisher", "r.publisher_id", GroupQuery.KeyType.BIGINT);
            } else {
                periodKeys(query, PUBLISHED_ON, "'DAY'", bucket);
            }
        }
        var conditions = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (filter.publisherId() != null) {
            conditions.add("r.publisher_id = ?");
            params.add(filter.publisherId());
        }
        if (filter.from() != null) {
            conditions.add(PUBLISHED_ON + " >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            conditions.add(PUBLISHED_ON + " <= ?");
            params.add(filter.to());
        }
        if (filter.text() != null) {
            conditions.add("r.search @@ newsgraph_tsquery(?)");
            params.add(filter.text());
        }
        if (!conditions.isEmpty()) {
            query.where(String.join(" and ", conditions), params);
        }
        return query.fetch(jdbc, page, counts)
                .map(row -> new ArticleGroup(row.count(), (Long) row.values().get("publisher"), period(row)));
    }

    private static void periodKeys(GroupQuery query, String date, String precision, DateBucket bucket) {
        query.key("period_start", Period.startSql(date, precision, bucket), GroupQuery.KeyType.DATE);
        query.key("period_precision", Period.precisionSql(date, precision, bucket), GroupQuery.KeyType.TEXT);
    }

    private static Period period(GroupQuery.Row row) {
        var start = (LocalDate) row.values().get("period_start");
        return start == null
                ? null
                : new Period(start, Period.precisionOf((String) row.values().get("period_precision")));
    }
}
