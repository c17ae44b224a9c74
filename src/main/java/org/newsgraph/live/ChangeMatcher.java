package org.newsgraph.live;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.article.ArticleFilter;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.event.EventFilter;
import org.newsgraph.relay.Batch;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which of a batch's statements, articles or events a subscription's filter selects: one SQL statement
 * per distinct filter and batch (the batch remembers the answer for every subscription with the same
 * filter), with the conditions of {@code Query.statements}, {@code Query.articles} and {@code Query.events}.
 */
@Component
class ChangeMatcher {

    private final JdbcClient jdbc;
    private final StatementRepository statements;

    ChangeMatcher(JdbcClient jdbc, StatementRepository statements) {
        this.jdbc = jdbc;
        this.statements = statements;
    }

    /**
     * Which of {@code rows} the filter selects: in memory when it asks only what the rows hold (article, kind,
     * dates), else with the SQL of the statement lists (a speaker may also be a co-speaker, which the row does
     * not hold). One SQL round trip per distinct
     * filter and batch was most of what a batch cost while an ingest held the pool's connections.
     */
    Set<Long> statementsOf(StatementFilter.Criteria filter, Collection<Statement> rows) {
        return statementsOf(filter, rows, null);
    }

    /**
     * Like {@link #statementsOf(StatementFilter.Criteria, Collection)}, with the rows' further speakers
     * ({@code statement_speakers}, loaded once per batch) when known: then a speaker filter is answered in memory
     * too (the row's speaker or one of its further speakers), which spares each distinct speaker filter of a
     * batch its SQL round trip.
     */
    Set<Long> statementsOf(
            StatementFilter.Criteria filter, Collection<Statement> rows, Map<Long, Set<Long>> furtherSpeakers) {
        boolean bySpeaker = furtherSpeakers != null && filter.speakerId() != null && onRowColumns(filter);
        if (!inMemory(filter) && !bySpeaker) {
            return statements.idsMatching(
                    filter, rows.stream().map(Statement::id).toList());
        }
        var selected = new HashSet<Long>();
        for (var row : rows) {
            if (matches(filter, row)
                    && (!bySpeaker
                            || row.speakerId() == filter.speakerId()
                            || furtherSpeakers.getOrDefault(row.id(), Set.of()).contains(filter.speakerId()))) {
                selected.add(row.id());
            }
        }
        return selected;
    }

    /** Whether the filter's conditions are all on columns a {@link Statement} row holds. */
    static boolean inMemory(StatementFilter.Criteria filter) {
        return filter.speakerId() == null && onRowColumns(filter);
    }

    /** Whether the filter's conditions other than the speaker are all on columns a {@link Statement} row holds. */
    private static boolean onRowColumns(StatementFilter.Criteria filter) {
        return filter.eventId() == null
                && filter.text() == null
                && filter.speakerName() == null
                && filter.relayedById() == null
                && filter.mentionsId() == null
                && filter.cue() == null
                && filter.channel() == null
                && filter.addresseeId() == null;
    }

    /** The article, kind and date conditions of {@link StatementRepository#idsMatching}, on one row. */
    static boolean matches(StatementFilter.Criteria filter, Statement row) {
        return (filter.articleId() == null || filter.articleId() == row.articleId())
                && (filter.kind() == null || filter.kind() == row.kind())
                && (filter.saidFrom() == null
                        || (row.saidOn() != null && !periodEnd(row).isBefore(filter.saidFrom())))
                && (filter.saidTo() == null
                        || (row.saidOn() != null && !row.saidOn().isAfter(filter.saidTo())));
    }

    /** The last day of the period a row's date stands for (as {@code newsgraph_period_end}): ranges keep what overlaps. */
    private static LocalDate periodEnd(Statement row) {
        var day = row.saidOn();
        return switch (row.saidOnPrecision() == null ? DatePrecision.DAY : row.saidOnPrecision()) {
            case WEEK -> day.plusDays(6);
            case MONTH -> day.plusMonths(1).minusDays(1);
            case YEAR -> day.plusYears(1).minusDays(1);
            default -> day;
        };
    }

    Set<Long> articles(ArticleFilter.Criteria filter, Collection<Long> ids) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        params.add(Batch.array(ids));
        add(where, params, filter.publisherId(), "r.publisher_id = ?");
        add(where, params, filter.from(), "r.published_at >= (cast(cast(? as date) as timestamp) at time zone 'UTC')");
        add(where, params, filter.to(), "r.published_at < (cast(cast(? as date) + 1 as timestamp) at time zone 'UTC')");
        add(where, params, filter.text(), "r.search @@ newsgraph_tsquery(?)");
        return ids("select r.id from articles r where r.id = any(?)", where, params);
    }

    Set<Long> events(EventFilter.Criteria filter, Collection<Long> ids) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        params.add(Batch.array(ids));
        add(where, params, filter.kind() == null ? null : filter.kind().name(), "e.kind = ?");
        add(where, params, filter.status() == null ? null : filter.status().name(), "e.status = ?");
        add(
                where,
                params,
                filter.participantId(),
                "exists (select 1 from event_participants fp where fp.event_id = e.id and fp.actor_id = ?)");
        add(where, params, filter.from(), "coalesce(e.ends_on, e.starts_on) >= ?");
        add(where, params, filter.to(), "e.starts_on <= ?");
        add(where, params, filter.text(), "e.search @@ newsgraph_tsquery(?)");
        return ids("select e.id from events e where e.id = any(?)", where, params);
    }

    private static void add(List<String> where, List<Object> params, Object value, String condition) {
        if (value != null) {
            where.add(condition);
            params.add(value);
        }
    }

    private Set<Long> ids(String select, List<String> where, List<Object> params) {
        var sql = new StringBuilder(select);
        where.forEach(condition -> sql.append(" and ").append(condition));
        return new HashSet<>(
                jdbc.sql(sql.toString()).params(params).query(Long.class).list());
    }
}
