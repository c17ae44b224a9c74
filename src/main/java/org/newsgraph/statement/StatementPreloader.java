package org.newsgraph.statement;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.GraphQLContext;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventParticipant;
import org.newsgraph.event.EventRepository;
import org.newsgraph.lookahead.Preloaded;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoaders;

import org.springframework.stereotype.Component;

/**
 * Lookahead for statement connections: when the selection set asks for the statements' speaker,
 * article, events, their participants and the participants' actors, fetches each of those levels once
 * for all statements of the batch (the same SQL as the {@code @BatchMapping} methods) and records the
 * values in {@link Preloaded}, so that those ~900 fields of a deep traversal answer without a DataLoader
 * and controller call each.
 */
@Component
public class StatementPreloader implements ConnectionLoaders.Preloader<Statement> {

    private final ActorRepository actors;
    private final ArticleRepository articles;
    private final EventRepository events;

    public StatementPreloader(ActorRepository actors, ArticleRepository articles, EventRepository events) {
        this.actors = actors;
        this.articles = articles;
        this.events = events;
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
            var found = actors.findByIds(distinct(rows.stream().map(Statement::speakerId).toList()));
            rows.forEach(s -> store.put(s, "speaker", found.get(s.speakerId())));
        }
        if (lookahead.article()) {
            var found = articles.findByIds(distinct(rows.stream().map(Statement::articleId).toList()));
            rows.forEach(s -> store.put(s, "article", found.get(s.articleId())));
        }
        if (lookahead.events()) {
            preloadEvents(rows, lookahead, store);
        }
    }

    private void preloadEvents(List<Statement> rows, StatementLookahead lookahead, Preloaded store) {
        var byStatement = events.eventsOfStatements(distinct(rows.stream().map(Statement::id).toList()));
        var eventRows = new ArrayList<Event>();
        for (var statement : rows) {
            List<Event> list = byStatement.getOrDefault(statement.id(), List.of());
            store.put(statement, "events", list);
            eventRows.addAll(list);
        }
        if (!lookahead.participants() || eventRows.isEmpty()) {
            return;
        }
        var byEvent = events.participantsOfEvents(distinct(eventRows.stream().map(Event::id).toList()));
        Map<EventParticipant, Boolean> participants = new IdentityHashMap<>();
        for (var event : eventRows) {
            List<EventParticipant> list = byEvent.getOrDefault(event.id(), List.of());
            store.put(event, "participants", list);
            list.forEach(p -> participants.put(p, Boolean.TRUE));
        }
        if (!lookahead.participantActors() || participants.isEmpty()) {
            return;
        }
        var found = actors.findByIds(distinct(participants.keySet().stream().map(EventParticipant::actorId).toList()));
        participants.keySet().forEach(p -> store.put(p, "actor", found.get(p.actorId())));
    }

    private static List<Long> distinct(List<Long> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
