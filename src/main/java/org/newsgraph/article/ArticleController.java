package org.newsgraph.article;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.error.ApiException;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoaders;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementLoaders;
import org.newsgraph.statement.StatementOrder;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code Article} and its entry points on {@code Query}. */
@Controller
public class ArticleController {

    private final ArticleRepository articles;
    private final ActorRepository actors;
    private final EventRepository events;

    public ArticleController(ArticleRepository articles, ActorRepository actors, EventRepository events) {
        this.articles = articles;
        this.actors = actors;
        this.events = events;
    }

    @QueryMapping
    public Article article(@Argument String id, @Argument String url) {
        if ((id == null) == (url == null)) {
            throw ApiException.badInput("INVALID_ARGUMENTS", "Give exactly one of 'id' and 'url'");
        }
        if (id != null) {
            return articles.findById(GlobalId.decode(id, "Article"));
        }
        return articles.findByUrl(url).orElse(null);
    }

    @QueryMapping
    public Connection<Article> articles(
            @Argument ArticleFilter filter,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        var criteria = ArticleFilter.criteria(filter);
        var page = PageRequest.of("Article", first, after, last, before);
        return articles.page(criteria, page, ConnectionLoaders.needsCounts(env, page));
    }

    @SchemaMapping
    public String id(Article article) {
        return GlobalId.encode("Article", article.id());
    }

    @BatchMapping
    public Map<Article, Actor> publisher(List<Article> list) {
        return Batch.pick(list, Article::publisherId, actors::findByIds);
    }

    @BatchMapping
    public Map<Article, List<Actor>> authors(List<Article> list) {
        return Batch.lists(list, Article::id, ids -> actors.contributorsOfArticles(ids, "AUTHOR"));
    }

    @BatchMapping
    public Map<Article, List<Actor>> contributors(List<Article> list) {
        return Batch.lists(list, Article::id, ids -> actors.contributorsOfArticles(ids, "CONTRIBUTOR"));
    }

    @BatchMapping
    public Map<Article, List<Actor>> actors(List<Article> list) {
        return Batch.lists(list, Article::id, actors::actorsOfArticles);
    }

    @BatchMapping
    public Map<Article, List<Event>> events(List<Article> list) {
        return Batch.lists(list, Article::id, events::eventsOfArticles);
    }

    @SchemaMapping
    public CompletableFuture<Connection<Statement>> statements(
            Article article,
            @Argument StatementFilter filter,
            @Argument StatementOrder orderBy,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return StatementLoaders.load(
                env,
                StatementLoaders.BY_ARTICLE,
                article.id(),
                StatementFilter.criteria(filter, orderBy, false),
                first,
                after,
                last,
                before);
    }
}
