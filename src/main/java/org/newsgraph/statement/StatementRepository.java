package org.newsgraph.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Keyset;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL access to {@code statements} and their links ({@code statement_events}, {@code statement_mentions},
 * {@code statement_relays}). Lists are newest first: {@code said_on desc nulls last, id desc},
 * written as the key {@code (coalesce(said_on, '-infinity'), id)} so that cursors are one row comparison
 * (indexes in V10).
 */
@Repository
@Transactional(readOnly = true)
public class StatementRepository extends NodeRepository<Statement> {

    static final String COLUMNS =
            "s.id, s.article_id, s.speaker_id, s.position, s.kind, s.text, s.cue, s.channel, s.said_on, s.said_on_precision";
    static final String SORT_KEY = "coalesce(s.said_on, '-infinity'::date)";
    /** Article, then position, as one text key (fixed-width digits, so text order is number order). */
    static final String ARTICLE_ORDER_KEY = "(lpad(s.article_id::text, 19, '0') || lpad(s.position::text, 10, '0'))";

    /** Whose statements a connection lists; the FROM clause and condition use {@code p.id} for the parent. */
    static final KeysetQuery.Parent ALL = KeysetQuery.Parent.topLevel("statements s");

    /**
     * What an actor said, alone or with others: the statements it is the (first) speaker of, which the keyset
     * index serves, followed in the same order by the few it is a further speaker of ({@code statement_speakers}).
     */
    public static final KeysetQuery.Parent BY_SPEAKER = KeysetQuery.Parent.union(
            new KeysetQuery.Parent("statements s", "s.speaker_id = p.id"),
            new KeysetQuery.Parent(
                    "statement_speakers ss join statements s on s.id = ss.statement_id", "ss.actor_id = p.id"));

    public static final KeysetQuery.Parent BY_ARTICLE = new KeysetQuery.Parent("statements s", "s.article_id = p.id");
    /**
     * An event's statements are ordered by the copy of the key in {@code statement_events} (V53), which
     * its index serves; it equals {@link #SORT_KEY}, so the order and the cursors are the same.
     */
    public static final KeysetQuery.Parent BY_EVENT = new KeysetQuery.Parent(
            "statement_events se join statements s on s.id = se.statement_id", "se.event_id = p.id");

    /** An event's statements with those of its sub-events at any depth (migration what_news_reports_say: newsgraph_event_and_descendants). */
    public static final KeysetQuery.Parent BY_EVENT_TREE = KeysetQuery.Parent.topLevel(
            "(select distinct on (e.statement_id) e.statement_id, e.said_on_key from statement_events e"
                    + " where e.event_id in (select newsgraph_event_and_descendants(p.id))) se"
                    + " join statements s on s.id = se.statement_id");

    /** The statements an actor relayed: Interfax's, say, whether it was the first or a later link of the chain. */
    public static final KeysetQuery.Parent BY_RELAY = new KeysetQuery.Parent(
            "statement_relays sr join statements s on s.id = sr.statement_id", "sr.actor_id = p.id");

    public static final KeysetQuery.Parent BY_MENTION = new KeysetQuery.Parent(
            "statement_mentions sm join statements s on s.id = sm.statement_id", "sm.actor_id = p.id");

    private final ActorRepository actors;
    private final EventRepository events;

    public StatementRepository(JdbcClient jdbc, ActorRepository actors, EventRepository events) {
        super(jdbc, "Statement", COLUMNS, "statements s", "s.id", StatementRepository::map, Statement::id);
        this.actors = actors;
        this.events = events;
    }

    static Statement map(ResultSet rs, int row) throws SQLException {
        String precision = rs.getString("said_on_precision");
        return new Statement(
                rs.getLong("id"),
                rs.getLong("article_id"),
                rs.getLong("speaker_id"),
                rs.getInt("position"),
                StatementKind.valueOf(rs.getString("kind")),
                rs.getString("text"),
                rs.getString("cue"),
                rs.getString("channel"),
                rs.getObject("said_on", LocalDate.class),
                precision == null ? null : DatePrecision.valueOf(precision));
    }

    /** The events statements are about ({@code statement_events}), newest first. */
    public Map<Long, List<Event>> eventsOf(Collection<Long> statementIds) {
        return events.ofLinks(
                "select statement_id as owner_id, event_id from statement_events where statement_id = any(?)",
                statementIds);
    }

    /** The actors statements mention ({@code statement_mentions}), by name. */
    public Map<Long, List<Actor>> mentionsOf(Collection<Long> statementIds) {
        return actors.ofLinks(
                "select statement_id as owner_id, actor_id, 0 as ord from statement_mentions where statement_id = any(?)",
                statementIds);
    }

    /** The relay chains of statements ({@code statement_relays}), outermost first. */
    public Map<Long, List<Actor>> relaysOf(Collection<Long> statementIds) {
        return actors.ofLinks(
                "select statement_id as owner_id, actor_id, position as ord from statement_relays"
                        + " where statement_id = any(?)",
                statementIds);
    }

    /** Every actor an article quotes, mentions, relays, or reports taking part in its events; by name. */
    public Map<Long, List<Actor>> actorsOfArticles(Collection<Long> articleIds) {
        return actors.ofLinks("""
                select distinct owner_id, actor_id, 0 as ord from (
                    select s.article_id as owner_id, s.speaker_id as actor_id from statements s where s.article_id = any(?)
                    union all
                    select s.article_id, m.actor_id from statements s join statement_mentions m on m.statement_id = s.id
                     where s.article_id = any(?)
                    union all
                    select s.article_id, r.actor_id from statements s join statement_relays r on r.statement_id = s.id
                     where s.article_id = any(?)
                    union all
                    select ae.article_id, p.actor_id from article_events ae join event_participants p on p.event_id = ae.event_id
                     where ae.article_id = any(?)) x""", articleIds);
    }

    public Connection<Statement> page(StatementFilter.Criteria filter, PageRequest page) {
        return page(ALL, List.of(0L), filter, page).get(0L);
    }

    /** The page of statements of every parent, in one SQL statement. */
    public Map<Long, Connection<Statement>> page(
            KeysetQuery.Parent parent, Collection<Long> parentIds, StatementFilter.Criteria filter, PageRequest page) {
        var order = filter == null ? StatementOrder.NEWEST_FIRST : filter.order();
        if (parent == BY_EVENT && filter != null && filter.includeSubEvents()) parent = BY_EVENT_TREE;
        boolean byEvent = parent == BY_EVENT || parent == BY_EVENT_TREE;
        var query = KeysetQuery.<Statement>of(order.cursorKind())
                .select(COLUMNS)
                .from(parent)
                .map(StatementRepository::map);
        switch (order) {
            case NEWEST_FIRST, OLDEST_FIRST ->
                query.orderBy(
                        byEvent ? "se.said_on_key" : SORT_KEY,
                        Keyset.KeyType.DATE,
                        byEvent ? "se.statement_id" : "s.id",
                        order == StatementOrder.NEWEST_FIRST);
            case ARTICLE_ORDER -> query.orderBy(ARTICLE_ORDER_KEY, Keyset.KeyType.TEXT, "s.id", false);
        }
        if (filter != null) {
            applyFilter(query::where, filter);
        }
        return query.fetch(jdbc, parentIds, page);
    }

    /**
     * Pages of statements of "parents" that a condition on {@code p.id} describes, e.g. the groups of an
     * aggregate with {@code p.id} indexing arrays of their keys; {@code params} are the condition's, then
     * the filter narrows every page.
     */
    public Map<Long, Connection<Statement>> pageWhere(
            String condition,
            List<Object> params,
            Collection<Long> parentIds,
            StatementFilter.Criteria filter,
            PageRequest page,
            boolean counts) {
        var query = KeysetQuery.<Statement>of("Statement")
                .select(COLUMNS)
                .from("statements s")
                .where(condition, params.toArray())
                .orderBy(SORT_KEY, Keyset.KeyType.DATE, "s.id", true)
                .map(StatementRepository::map);
        if (filter != null) {
            applyFilter(query::where, filter);
        }
        return query.fetch(jdbc, parentIds, page.withCounts(counts));
    }

    /**
     * The ids among {@code ids} of the statements that {@code filter} keeps, with the very conditions of the
     * statement lists: what a {@code statementAdded(filter:)} subscription selects from a batch of new statements.
     */
    /**
     * The further speakers ({@code statement_speakers}) of those of {@code statementIds} that have any: with the
     * rows' own speakers, what a speaker filter needs to be answered without the database.
     */
    public Map<Long, Set<Long>> furtherSpeakersOf(Collection<Long> statementIds) {
        var found = new HashMap<Long, Set<Long>>();
        jdbc.sql("select statement_id, actor_id from statement_speakers where statement_id = any(?)")
                .param(Batch.array(statementIds))
                .query(rs -> {
                    found.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getLong(2));
                });
        return found;
    }

    public Set<Long> idsMatching(StatementFilter.Criteria filter, Collection<Long> ids) {
        var sql = new StringBuilder("select s.id from statements s where s.id = any(?)");
        var params = new ArrayList<Object>();
        params.add(Batch.array(ids));
        applyFilter(
                (condition, values) -> {
                    sql.append(" and (").append(condition).append(')');
                    Collections.addAll(params, values);
                },
                filter);
        return new HashSet<>(
                jdbc.sql(sql.toString()).params(params).query(Long.class).list());
    }

    /** Where a filter's conditions go: a keyset query's {@code where}, or a plain statement's. */
    private interface Conditions {
        void where(String condition, Object... params);
    }

    private static void applyFilter(Conditions query, StatementFilter.Criteria filter) {
        if (filter.speakerId() != null) {
            query.where(
                    "(s.speaker_id = ? or exists (select 1 from statement_speakers fs where fs.statement_id = s.id"
                            + " and fs.actor_id = ?))",
                    filter.speakerId(),
                    filter.speakerId());
        }
        if (filter.speakerName() != null) {
            // Any speaker whose name or alias holds the words given (case, accents and punctuation folded).
            query.where(
                    "exists (select 1 from (select s.speaker_id as actor_id union all select fs.actor_id"
                            + " from statement_speakers fs where fs.statement_id = s.id) sp"
                            + " join actors fa on fa.id = sp.actor_id"
                            + " where ' ' || newsgraph_name_key(fa.name) || ' ' like '% ' || newsgraph_name_key(?) || ' %'"
                            + " or exists (select 1 from actor_aliases fl where fl.actor_id = fa.id"
                            + " and ' ' || fl.alias_key || ' ' like '% ' || newsgraph_name_key(?) || ' %'))",
                    filter.speakerName(), filter.speakerName());
        }
        if (filter.relayedById() != null) {
            query.where(
                    "exists (select 1 from statement_relays fr where fr.statement_id = s.id and fr.actor_id = ?)",
                    filter.relayedById());
        }
        if (filter.mentionsId() != null) {
            query.where(
                    "exists (select 1 from statement_mentions fm where fm.statement_id = s.id and fm.actor_id = ?)",
                    filter.mentionsId());
        }
        if (filter.cue() != null) {
            query.where("lower(s.cue) = lower(?)", filter.cue());
        }
        if (filter.channel() != null) {
            query.where("strpos(lower(s.channel), lower(?)) > 0", filter.channel());
        }
        if (filter.addresseeId() != null) {
            query.where("s.addressee_id = ?", filter.addresseeId());
        }
        if (filter.articleId() != null) {
            query.where("s.article_id = ?", filter.articleId());
        }
        if (filter.eventId() != null) {
            query.where(
                    "exists (select 1 from statement_events fe where fe.statement_id = s.id and fe.event_id = ?)",
                    filter.eventId());
        }
        if (filter.kind() != null) {
            query.where("s.kind = ?", filter.kind().name());
        }
        // Date ranges keep what overlaps them (a statement of the week of 2025-04-14 is said on or after
        // 2025-04-17); the range on the sort key itself stays, so that it is an index condition of the keyset
        // indexes (a period is at most a year long; '-infinity' stands for undated statements, which no range
        // includes).
        if (filter.saidFrom() != null) {
            query.where(
                    SORT_KEY + " >= ?::date - 366 and newsgraph_period_end(s.said_on, s.said_on_precision) >= ?",
                    filter.saidFrom(),
                    filter.saidFrom());
        }
        if (filter.saidTo() != null) {
            query.where(SORT_KEY + " <= ? and " + SORT_KEY + " > '-infinity'::date", filter.saidTo());
        }
        if (filter.text() != null) {
            query.where("s.search @@ newsgraph_tsquery(?)", filter.text());
        }
    }
}
