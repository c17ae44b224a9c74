package org.newsgraph.article;

import org.newsgraph.relay.ConnectionLoaders;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;

/** The DataLoaders of the article connections under other types ({@code Event.articles}, {@code Actor.articles}). */
@Configuration(proxyBeanMethods = false)
public class ArticleLoaders {

    public static final String BY_EVENT = "Event.articles";
    public static final String BY_CONTRIBUTOR = "Actor.articles";

    public ArticleLoaders(BatchLoaderRegistry registry, ArticleRepository articles) {
        ConnectionLoaders.<ArticleFilter.Criteria, Article>register(
                registry,
                BY_EVENT,
                (ids, filter, page, counts) -> articles.page(ArticleRepository.BY_EVENT, ids, filter, page, counts));
        ConnectionLoaders.<ArticleFilter.Criteria, Article>register(
                registry,
                BY_CONTRIBUTOR,
                (ids, filter, page, counts) ->
                        articles.page(ArticleRepository.BY_CONTRIBUTOR, ids, filter, page, counts));
    }
}
