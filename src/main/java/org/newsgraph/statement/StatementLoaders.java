package org.newsgraph.statement;

import org.newsgraph.relay.ConnectionLoaders;

import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;

/**
 * The DataLoaders of the statement connections under other types ({@code Actor.statements},
 * {@code Actor.mentionedIn}, {@code Event.statements}, {@code Article.statements}): one SQL statement per
 * level for all parents asking with the same arguments.
 */
@Configuration(proxyBeanMethods = false)
public class StatementLoaders {

    public static final String BY_SPEAKER = "Actor.statements";
    public static final String BY_MENTION = "Actor.mentionedIn";
    public static final String BY_EVENT = "Event.statements";
    public static final String BY_ARTICLE = "Article.statements";

    public StatementLoaders(BatchLoaderRegistry registry, StatementRepository statements, StatementPreloader preloader) {
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(registry, BY_SPEAKER,
                (ids, filter, page, counts) -> statements.page(StatementRepository.BY_SPEAKER, ids, filter, page, counts), preloader);
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(registry, BY_MENTION,
                (ids, filter, page, counts) -> statements.page(StatementRepository.BY_MENTION, ids, filter, page, counts), preloader);
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(registry, BY_EVENT,
                (ids, filter, page, counts) -> statements.page(StatementRepository.BY_EVENT, ids, filter, page, counts), preloader);
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(registry, BY_ARTICLE,
                (ids, filter, page, counts) -> statements.page(StatementRepository.BY_ARTICLE, ids, filter, page, counts), preloader);
    }
}
