package org.newsgraph.statement;

import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoaders;
import org.newsgraph.relay.PageRequest;
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

    public StatementLoaders(
            BatchLoaderRegistry registry, StatementRepository statements, StatementPreloader preloader) {
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(
                registry,
                BY_SPEAKER,
                (ids, filter, page, counts) ->
                        statements.page(StatementRepository.BY_SPEAKER, ids, filter, page, counts),
                preloader);
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(
                registry,
                BY_MENTION,
                (ids, filter, page, counts) ->
                        statements.page(StatementRepository.BY_MENTION, ids, filter, page, counts),
                preloader);
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(
                registry,
                BY_EVENT,
                (ids, filter, page, counts) -> statements.page(StatementRepository.BY_EVENT, ids, filter, page, counts),
                preloader);
        ConnectionLoaders.<StatementFilter.Criteria, Statement>register(
                registry,
                BY_ARTICLE,
                (ids, filter, page, counts) ->
                        statements.page(StatementRepository.BY_ARTICLE, ids, filter, page, counts),
                preloader);
    }

    /**
     * The page of statements of one parent, through the named loader (batched with the other parents of the
     * level), with what the selection set asks below the statements for the {@link StatementPreloader}.
     */
    public static CompletableFuture<Connection<Statement>> load(
            DataFetchingEnvironment env,
            String loader,
            long parentId,
            StatementFilter.Criteria filter,
            Integer first,
            String after,
            Integer last,
            String before) {
        return ConnectionLoaders.load(
                env,
                loader,
                parentId,
                filter,
                PageRequest.of(filter.order().cursorKind(), first, after, last, before),
                StatementLookahead.of(env));
    }
}
