package org.newsgraph.statement;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.Article;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.Event;
import org.newsgraph.lookahead.Preloadable;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/statement.graphqls} declares: the GraphQL type {@code Statement}, its entry
 * points on {@code Query}, and the statement connections of the links this feature owns:
 * {@code Actor.statements} ({@code statements.speaker_id}), {@code Actor.mentionedIn}
 * ({@code statement_mentions}), {@code Event.statements} ({@code statement_events}),
 * {@code Article.statements} ({@code statements.article_id}), and {@code Article.actors} (all of those).
 *
 * <p>Below a statement connection, the fields marked {@code @Preloadable} are answered by
 * {@link StatementPreloader} (same values, fewer calls).
 */
@Controller
public class StatementController {

    private final StatementRepository statements;
    private final ActorRepository actors;
    private final ArticleRepository articles;
    private final StatementPreloader preloader;
    private final ConnectionLoader<StatementFilter.Criteria, Statement> statementsOfSpeakers;
    private final ConnectionLoader<StatementFilter.Criteria, Statement> statementsMentioning;
    private final ConnectionLoader<StatementFilter.Criteria, Statement> statementsOfEvents;
    private final ConnectionLoader<StatementFilter.Criteria, Statement> statementsOfArticles;

    public StatementController(
            StatementRepository statements,
            ActorRepository actors,
            ArticleRepository articles,
            StatementPreloader preloader,
            BatchLoaderRegistry registry) {
        this.statements = statements;
        this.actors = actors;
        this.articles = articles;
        this.preloader = preloader;
        this.statementsOfSpeakers = register(registry, "Actor", "statements", StatementRepository.BY_SPEAKER);
        this.statementsMentioning = register(registry, "Actor", "mentionedIn", StatementRepository.BY_MENTION);
        this.statementsOfEvents = register(registry, "Event", "statements", StatementRepository.BY_EVENT);
        this.statementsOfArticles = register(registry, "Article", "statements", StatementRepository.BY_ARTICLE);
    }

    /** The loader of a statement connection under another type: one SQL statement per level, then the preloader. */
    private ConnectionLoader<StatementFilter.Criteria, Statement> register(
            BatchLoaderRegistry registry, String typeName, String field, KeysetQuery.Parent parent) {
        return ConnectionLoader.register(
                registry,
                typeName,
                field,
                (ids, filter, page) -> statements.page(parent, ids, filter, page),
                preloader);
    }

    @QueryMapping
    public Statement statement(@Argument String id) {
        return statements.findById(GlobalId.decode(id, "Statement"));
    }

    @QueryMapping
    public Connection<Statement> statements(
            @Argument StatementFilter filter, PageRequest page, DataFetchingEnvironment env) {
        var criteria = StatementFilter.criteria(filter);
        var connection = statements.page(criteria, page);
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
    @Preloadable(by = "StatementPreloader, below a statement page")
    public Map<Statement, Actor> speaker(List<Statement> list) {
        return Batch.pick(list, Statement::speakerId, actors::findByIds);
    }

    @BatchMapping
    @Preloadable(by = "StatementPreloader, below a statement page")
    public Map<Statement, Article> article(List<Statement> list) {
        return Batch.pick(list, Statement::articleId, articles::findByIds);
    }

    @BatchMapping
    @Preloadable(by = "StatementPreloader, below a statement page (with the participants if asked: EVENT_TREES)")
    public Map<Statement, List<Event>> events(List<Statement> list) {
        return Batch.lists(list, Statement::id, statements::eventsOf);
    }

    @BatchMapping
    public Map<Statement, List<Actor>> mentions(List<Statement> list) {
        return Batch.lists(list, Statement::id, statements::mentionsOf);
    }

    @BatchMapping
    public Map<Statement, List<Actor>> relayedVia(List<Statement> list) {
        return Batch.lists(list, Statement::id, statements::relaysOf);
    }

    /** What actors said ({@code statements.speaker_id}), newest first. */
    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<Connection<Statement>> statements(
            Actor actor, @Argument StatementFilter filter, PageRequest page, DataFetchingEnvironment env) {
        return load(statementsOfSpeakers, env, actor.id(), filter, page);
    }

    /** The statements that mention actors ({@code statement_mentions}), newest first. */
    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<Connection<Statement>> mentionedIn(
            Actor actor, PageRequest page, DataFetchingEnvironment env) {
        return load(statementsMentioning, env, actor.id(), null, page);
    }

    /** The statements about events ({@code statement_events}, V53's sort key), newest first. */
    @SchemaMapping(typeName = "Event", field = "statements")
    public CompletableFuture<Connection<Statement>> statementsOfEvent(
            Event event, @Argument StatementFilter filter, PageRequest page, DataFetchingEnvironment env) {
        return load(statementsOfEvents, env, event.id(), filter, page);
    }

    /** The statements articles quote ({@code statements.article_id}), newest first. */
    @SchemaMapping(typeName = "Article", field = "statements")
    public CompletableFuture<Connection<Statement>> statementsOfArticle(
            Article article, @Argument StatementFilter filter, PageRequest page, DataFetchingEnvironment env) {
        return load(statementsOfArticles, env, article.id(), filter, page);
    }

    /** Every actor an article's statements and events involve. */
    @BatchMapping(typeName = "Article", field = "actors")
    public Map<Article, List<Actor>> actorsOfArticle(List<Article> list) {
        return Batch.lists(list, Article::id, statements::actorsOfArticles);
    }

    private static CompletableFuture<Connection<Statement>> load(
            ConnectionLoader<StatementFilter.Criteria, Statement> loader,
            DataFetchingEnvironment env,
            long parentId,
            StatementFilter filter,
            PageRequest page) {
        return loader.load(env, parentId, StatementFilter.criteria(filter), page, StatementLookahead.of(env));
    }
}
