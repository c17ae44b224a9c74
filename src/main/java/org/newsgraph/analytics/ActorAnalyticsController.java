package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.error.ApiException;
import org.newsgraph.statement.StatementFilter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the analytics fields of {@code Actor}: {@code timeline} and {@code network} (batched per level). */
@Controller
public class ActorAnalyticsController {

    static final int DEFAULT_NETWORK_SIZE = 10;
    static final int MAX_NETWORK_SIZE = 50;

    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<Timeline> timeline(
            Actor actor, @Argument DateBucket bucket, @Argument StatementFilter filter, DataFetchingEnvironment env) {
        return AnalyticsLoaders.load(
                env,
                AnalyticsLoaders.ACTOR_TIMELINE,
                new AnalyticsLoaders.ActorTimelineKey(actor.id(), bucket, StatementFilter.criteria(filter)));
    }

    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<List<NetworkEdge>> network(
            Actor actor, @Argument List<NetworkLink> via, @Argument Integer first, DataFetchingEnvironment env) {
        int size = size(first, DEFAULT_NETWORK_SIZE, MAX_NETWORK_SIZE);
        return AnalyticsLoaders.load(
                env,
                AnalyticsLoaders.NETWORK,
                new AnalyticsLoaders.NetworkKey(actor.id(), NetworkRepository.viaOrAll(via), size));
    }

    /** A list size argument: the default when absent, refused when negative or above the maximum. */
    static int size(Integer first, int defaultSize, int max) {
        if (first == null) {
            return defaultSize;
        }
        if (first < 0) {
            throw ApiException.badInput("INVALID_PAGE_SIZE", "'first' must not be negative, but was " + first);
        }
        if (first > max) {
            throw ApiException.badInput(
                    "PAGE_SIZE_TOO_LARGE", "'first' may be at most " + max + " here, but was " + first);
        }
        return first;
    }
}
