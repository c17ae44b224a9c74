package org.newsgraph.statement;

import graphql.GraphQLContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventParticipant;
import org.newsgraph.event.EventRepository;
import org.newsgraph.event.ParticipantRole;
import org.newsgraph.lookahead.Preloaded;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lookahead for statement connections: when the selection set asks for the statements' {@code speaker},
 * {@code article}, {@code events}, the events' {@code participants} and the participants' {@code actor}
 * (the methods marked {@code @Preloadable(by = "StatementPreloader...")}), fetches each of those levels once
 * for all statements of the batch and records the values in {@link Preloaded}, so that those ~900 fields of a
 * deep traversal answer without a DataLoader and controller call each. Speaker and article are the
 * repositories' {@code findByIds}, events alone {@link StatementRepository#eventsOf}; events with their
 * participants are the one statement {@link #EVENT_TREES} below, which the controller methods do not run.
 */
@Component
@Transactional(readOnly = true)
public class StatementPreloader implements ConnectionLoader.Preloader<Statement> {

    private static final String PARTICIPANT_ORDER = " order by ep.role, a.name, ep.id)";

    /**
     * The events of statements (in {@link StatementRepository#eventsOf} order), each with its participants (in
     * {@code EventRepository.participantsOfEvents} order) and their actors, aggregated into arrays per event.
     */
    static final String EVENT_TREES = "select l.owner_id, " + EventRepository.COLUMNS + ", p.*"
            + " from (select statement_id as owner_id, event_id from statement_events where statement_id = any(?)) l"
            + " join events e on e.id = l.event_id"
            + " left join lateral (select array_agg(ep.id" + PARTICIPANT_ORDER + " as p_ids,"
            + " array_agg(ep.actor_id" + PARTICIPANT_ORDER + " as p_actor_ids,"
            + " array_agg(ep.role" + PARTICIPANT_ORDER + " as p_roles,"
            + " array_agg(ep.represents_id" + PARTICIPANT_ORDER + " as p_represents_ids,"
            + " array_agg(ep.note" + PARTICIPANT_ORDER + " as p_notes,"
            + " array_agg(a.kind" + PARTICIPANT_ORDER + " as a_kinds,"
            + " array_agg(a.name" + PARTICIPANT_ORDER + " as a_names,"
            + " array_agg(a.description" + PARTICIPANT_ORDER + " as a_descriptions,"
            + " array_agg(a.wikidata_id" + PARTICIPANT_ORDER + " as a_wikidata_ids"
            + " from event_participants ep join actors a on a.id = ep.actor_id where ep.event_id = e.id) p on true"
            + " order by l.owner_id, " + EventRepository.ORDER;

    /** An event with its participants and their actors (parallel list). */
    record EventTree(Event event, List<EventParticipant> participants, List<Actor> actors) {}

    private final JdbcClient jdbc;
    private final ActorRepository actors;
    private final ArticleRepository articles;
    private final StatementRepository statements;

    public StatementPreloader(
            JdbcClient jdbc, ActorRepository actors, ArticleRepository articles, StatementRepository statements) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.articles = articles;
        this.statements = statements;
    }

    @Override
    public void preload(List<Connection<Statement>> pages, Set<Object> lookaheads, GraphQLContext context) {
        var lookahead = StatementLookahead.union(lookaheads);
        if (lookahead.equals(StatementLookahead.NONE)) {
            return;
        }
        var rows = new ArrayList<Statement>();
        for (var page : pages) {
            for (var edge : page.edges()) {
                rows.add(edge.node());
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        var store = Preloaded.of(context);
        if (lookahead.speaker()) {
            var found = actors.findByIds(Batch.ids(rows, Statement::speakerId));
            rows.forEach(s -> store.put(s, "speaker", found.get(s.speakerId())));
        }
        if (lookahead.article()) {
            var found = articles.findByIds(Batch.ids(rows, Statement::articleId));
            rows.forEach(s -> store.put(s, "article", found.get(s.articleId())));
        }
        if (lookahead.events()) {
            preloadEvents(rows, lookahead, store);
        }
    }

    private void preloadEvents(List<Statement> rows, StatementLookahead lookahead, Preloaded store) {
        var ids = Batch.ids(rows, Statement::id);
        if (!lookahead.participants()) {
            var byStatement = statements.eventsOf(ids);
            rows.forEach(s -> store.put(s, "events", byStatement.getOrDefault(s.id(), List.of())));
            return;
        }
        // Events, participants and their actors in one SQL statement.
        var byStatement = eventTrees(ids);
        for (var statement : rows) {
            List<EventTree> trees = byStatement.getOrDefault(statement.id(), List.of());
            var list = new ArrayList<Event>(trees.size());
            for (var tree : trees) {
                list.add(tree.event());
                store.put(tree.event(), "participants", tree.participants());
                if (lookahead.participantActors()) {
                    for (int i = 0; i < tree.participants().size(); i++) {
                        store.put(
                                tree.participants().get(i),
                                "actor",
                                tree.actors().get(i));
                    }
                }
            }
            store.put(statement, "events", List.copyOf(list));
        }
    }

    /** {@link #EVENT_TREES} of the statements, per statement. */
    Map<Long, List<EventTree>> eventTrees(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, List<EventTree>>();
        jdbc.sql(EVENT_TREES).param(Batch.array(statementIds)).query(rs -> {
            result.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                    .add(mapTree(rs));
        });
        return result;
    }

    private static EventTree mapTree(ResultSet rs) throws SQLException {
        Event event = EventRepository.map(rs, 0);
        Long[] ids = array(rs, "p_ids", Long[].class);
        if (ids == null) {
            return new EventTree(event, List.of(), List.of());
        }
        Long[] actorIds = array(rs, "p_actor_ids", Long[].class);
        String[] roles = array(rs, "p_roles", String[].class);
        Long[] representsIds = array(rs, "p_represents_ids", Long[].class);
        String[] notes = array(rs, "p_notes", String[].class);
        String[] kinds = array(rs, "a_kinds", String[].class);
        String[] names = array(rs, "a_names", String[].class);
        String[] descriptions = array(rs, "a_descriptions", String[].class);
        String[] wikidataIds = array(rs, "a_wikidata_ids", String[].class);
        var participants = new ArrayList<EventParticipant>(ids.length);
        var actors = new ArrayList<Actor>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            participants.add(new EventParticipant(
                    ids[i], event.id(), actorIds[i], ParticipantRole.valueOf(roles[i]), representsIds[i], notes[i]));
            actors.add(new Actor(actorIds[i], ActorKind.valueOf(kinds[i]), names[i], descriptions[i], wikidataIds[i]));
        }
        return new EventTree(event, List.copyOf(participants), List.copyOf(actors));
    }

    private static <T> T array(ResultSet rs, String column, Class<T> type) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? null : type.cast(array.getArray());
    }
}
