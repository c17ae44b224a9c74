package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.statement.StatementFilter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** Serves the analytics fields of {@code Actor}: {@code timeline} and {@code network} (batched per level). */
@Controller
public class ActorAnalyticsController {

    static final int DEFAULT_NETWORK_SIZE = 10;
    static final int MAX_NETWORK_SIZE = 50;

    record TimelineKey(long actorId, DateBucket bucket, StatementFilter.Criteria filter) {}

    record NetworkKey(long actorId, Set<NetworkLink> via, int first) {}

    private final FieldLoader<TimelineKey, Timeline> timelines;
    private final FieldLoader<NetworkKey, List<NetworkEdge>> networks;

    public ActorAnalyticsController(
            BatchLoaderRegistry registry, TimelineRepository timelines, NetworkRepository networks) {
        this.timelines = FieldLoader.<TimelineKey, Timeline, List<Object>>register(
                registry,
                "Actor",
                "timeline",
                key -> List.of(key.bucket(), key.filter()),
                keys -> timelines.ofActors(
                        FieldLoader.ids(keys, TimelineKey::actorId),
                        keys.get(0).bucket(),
                        keys.get(0).filter()),
                TimelineKey::actorId);
        this.networks = FieldLoader.<NetworkKey, List<NetworkEdge>, List<Object>>register(
                registry,
                "Actor",
                "network",
                key -> List.of(key.via(), key.first()),
                keys -> networks.networks(
                        FieldLoader.ids(keys, NetworkKey::actorId),
                        keys.get(0).via(),
                        keys.get(0).first()),
                NetworkKey::actorId);
    }

    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<Timeline> timeline(
            Actor actor, @Argument DateBucket bucket, @Argument StatementFilter filter, DataFetchingEnvironment env) {
        return timelines.load(env, new TimelineKey(actor.id(), bucket, StatementFilter.criteria(filter)));
    }

    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<List<NetworkEdge>> network(
            Actor actor, @Argument List<NetworkLink> via, @Argument Integer first, DataFetchingEnvironment env) {
        int size = size(first, DEFAULT_NETWORK_SIZE, MAX_NETWORK_SIZE);
        return networks.load(env, new NetworkKey(actor.id(), NetworkRepository.viaOrAll(via), size));
    }

    /** A list size argument: the default when absent, refused when negative or above the maximum. */
    static int size(Integer first, int defaultSize, int max) {
        if (first == null) {
            return defaultSize;
        }
        if (first < 0) {
            throw ApiException.badInput(ErrorCode.INVALID_PAGE_SIZE, "'first' must not be negative, but was " + first);
        }
        if (first > max) {
            throw ApiException.badInput(
                    ErrorCode.PAGE_SIZE_TOO_LARGE, "'first' may be at most " + max + " here, but was " + first);
        }
        return first;
    }
}
