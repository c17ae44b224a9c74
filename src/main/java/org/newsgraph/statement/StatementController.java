package org.newsgraph.statement;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.Article;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoaders;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code Statement} and its entry points on {@code Query}. */
@Controller
public class StatementController {

    private final StatementRepository statements;
    private final ActorRepository actors;
    private final ArticleRepository articles;
    private final EventRepository events;
    private final StatementPreloader preloader;

    public StatementController(
            StatementRepository statements,
            ActorRepository actors,
            ArticleRepository articles,
            EventRepository events,
            StatementPreloader preloader) {
        this.preloader = preloader;
        this.statements = statements;
        this.actors = actors;
        this.articles = articles;
        this.events = events;
    }

    @QueryMapping
    public Statement statement(@Argument String id) {
        return statements.findById(GlobalId.decode(id, "Statement"));
    }

    @QueryMapping
    public Connection<Statement> statements(
            @Argument StatementFilter filter,
            @Argument StatementOrder orderBy,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        var criteria = StatementFilter.criteria(filter, orderBy, false);
        var page = PageRequest.of(criteria.order().cursorKind(), first, after, last, before);
        var connection = statements.page(criteria, page, ConnectionLoaders.needsCounts(env, page));
        var lookahead = StatementLookahead.of(env);
        if (lookahead != null) {
            preloader.preload(List.of(connection), Set.of(lookahead), env.getGraphQlContext());
        }
        return connection;
    }

    @SchemaMapping
    public String id(Statement statement) {
        return GlobalId.encode("Statement", statement.id());
    }

    @BatchMapping
    public Map<Statement, Actor> speaker(List<Statement> list) {
        return Batch.pick(list, Statement::speakerId, actors::findByIds);
    }

    @BatchMapping
    public Map<Statement, Article> article(List<Statement> list) {
        return Batch.pick(list, Statement::articleId, articles::findByIds);
    }

    @BatchMapping
    public Map<Statement, List<Event>> events(List<Statement> list) {
        return Batch.lists(list, Statement::id, events::eventsOfStatements);
    }

    @BatchMapping
    public Map<Statement, List<Actor>> mentions(List<Statement> list) {
        return Batch.lists(list, Statement::id, actors::mentionedByStatements);
    }

    @BatchMapping
    public Map<Statement, List<Actor>> relayedVia(List<Statement> list) {
        return Batch.lists(list, Statement::id, actors::relaysOfStatements);
    }
}
