package org.newsgraph.article;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.event.Event;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/article.graphqls} declares: the GraphQL type {@code Article}, its entry points on
 * {@code Query}, and the article connections of the links it owns: {@code Actor.articles}
 * ({@code article_contributors}) and {@code Event.articles} ({@code article_events}). {@code Article.statements}
 * and {@code Article.actors} are served by the statement feature.
 */
@Controller
public class ArticleController {

    private final ArticleRepository articles;
    private final ActorRepository actors;
    private final ConnectionLoader<ArticleFilter.Criteria, Article> articlesOfEvents;
    private final ConnectionLoader<ArticleFilter.Criteria, Article> articlesOfContributors;

    public ArticleController(ArticleRepository articles, ActorRepository actors, BatchLoaderRegistry registry) {
        this.articles = articles;
        this.actors = actors;
        this.articlesOfEvents = ConnectionLoader.register(
                registry,
                "Event",
                "articles",
                (ids, filter, page) -> articles.page(ArticleRepository.BY_EVENT, ids, filter, page));
        this.articlesOfContributors = ConnectionLoader.register(
                registry,
                "Actor",
                "articles",
                (ids, filter, page) -> articles.page(ArticleRepository.BY_CONTRIBUTOR, ids, filter, page));
    }

    @QueryMapping
    public Article article(@Argument String id, @Argument String url) {
        if ((id == null) == (url == null)) {
            throw ApiException.badInput(ErrorCode.INVALID_ARGUMENTS, "Give exactly one of 'id' and 'url'");
        }
        if (id != null) {
            return articles.findById(GlobalId.decode(id, "Article"));
        }
        return articles.findByUrl(url).orElse(null);
    }

    @QueryMapping
    public Connection<Article> articles(@Argument ArticleFilter filter, PageRequest page) {
        var criteria = ArticleFilter.criteria(filter);
        return articles.page(criteria, page);
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
        return Batch.lists(list, Article::id, articles::authorsOf);
    }

    @BatchMapping
    public Map<Article, List<Actor>> contributors(List<Article> list) {
        return Batch.lists(list, Article::id, articles::contributorsOf);
    }

    @BatchMapping
    public Map<Article, List<Event>> events(List<Article> list) {
        return Batch.lists(list, Article::id, articles::eventsOf);
    }

    /** The articles that report on events ({@code article_events}), newest first. */
    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Connection<Article>> articles(Event event, PageRequest page, DataFetchingEnvironment env) {
        return articlesOfEvents.load(env, event.id(), null, page);
    }

    /** The articles actors wrote or contributed to ({@code article_contributors}), newest first. */
    @SchemaMapping(typeName = "Actor", field = "articles")
    public CompletableFuture<Connection<Article>> articlesOfActor(
            Actor actor, PageRequest page, DataFetchingEnvironment env) {
        return articlesOfContributors.load(env, actor.id(), null, page);
    }
}
