package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.event.Event;
import org.newsgraph.relay.Batch;
import org.newsgraph.statement.Statement;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code NetworkEdge}: the connected actor and the evidence, batched per level. */
@Controller
public class NetworkEdgeController {

    static final int DEFAULT_EVIDENCE = 10;
    static final int MAX_EVIDENCE = 50;

    private final ActorRepository actors;

    public NetworkEdgeController(ActorRepository actors) {
        this.actors = actors;
    }

    @BatchMapping
    public Map<NetworkEdge, Actor> actor(List<NetworkEdge> edges) {
        return Batch.pick(edges, NetworkEdge::actorId, actors::findByIds);
    }

    @SchemaMapping
    public CompletableFuture<List<Event>> events(
            NetworkEdge edge, @Argument Integer first, DataFetchingEnvironment env) {
        int size = ActorAnalyticsController.size(first, DEFAULT_EVIDENCE, MAX_EVIDENCE);
        return AnalyticsLoaders.load(env, AnalyticsLoaders.EDGE_EVENTS, new AnalyticsLoaders.EdgeKey(edge, size));
    }

    @SchemaMapping
    public CompletableFuture<List<Statement>> statements(
            NetworkEdge edge, @Argument Integer first, DataFetchingEnvironment env) {
        int size = ActorAnalyticsController.size(first, DEFAULT_EVIDENCE, MAX_EVIDENCE);
        return AnalyticsLoaders.load(env, AnalyticsLoaders.EDGE_STATEMENTS, new AnalyticsLoaders.EdgeKey(edge, size));
    }
}
