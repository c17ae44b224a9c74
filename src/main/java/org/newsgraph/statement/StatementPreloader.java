package org.newsgraph.statement;

import graphql.GraphQLContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.lookahead.Preloaded;
import org.newsgraph.relay.Batch;
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
            var byStatement = events.eventsOfStatements(ids);
            rows.forEach(s -> store.put(s, "events", byStatement.getOrDefault(s.id(), List.of())));
            return;
        }
        // Events, participants and their actors in one SQL statement.
        var byStatement = events.eventTreesOfStatements(ids);
        for (var statement : rows) {
            List<EventRepository.EventTree> trees = byStatement.getOrDefault(statement.id(), List.of());
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
}
