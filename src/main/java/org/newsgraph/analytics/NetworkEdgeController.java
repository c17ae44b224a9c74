package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code NetworkEdge}: the connected actor and the evidence, batched per level. */
@Controller
public class NetworkEdgeController {

    static final int DEFAULT_EVIDENCE = 10;
    static final int MAX_EVIDENCE = 50;

    record EvidenceKey(NetworkEdge edge, int first) {
        NetworkRepository.Pair pair() {
            return new NetworkRepository.Pair(edge.ownerId(), edge.actorId());
        }
    }

    private final ActorRepository actors;
    private final FieldLoader<EvidenceKey, List<Event>> events;
    private final FieldLoader<EvidenceKey, List<Statement>> statements;

    public NetworkEdgeController(
            BatchLoaderRegistry registry,
            ActorRepository actors,
            NetworkRepository networks,
            EventRepository events,
            StatementRepository statements) {
        this.actors = actors;
        this.events = FieldLoader.<EvidenceKey, List<Event>, List<Object>>register(
                registry,
                "NetworkEdge",
                "events",
                key -> List.of(key.edge().via(), key.first()),
                keys -> FieldLoader.rows(
                        networks.sharedEvents(
                                pairs(keys),
                                keys.get(0).edge().via(),
                                keys.get(0).first()),
                        events::findByIds),
                EvidenceKey::pair);
        this.statements = FieldLoader.<EvidenceKey, List<Statement>, List<Object>>register(
                registry,
                "NetworkEdge",
                "statements",
                key -> List.of(key.edge().via(), key.first()),
                keys -> FieldLoader.rows(
                        networks.sharedStatements(
                                pairs(keys),
                                keys.get(0).edge().via(),
                                keys.get(0).first()),
                        statements::findByIds),
                EvidenceKey::pair);
    }

    private static List<NetworkRepository.Pair> pairs(List<EvidenceKey> keys) {
        return keys.stream().map(EvidenceKey::pair).distinct().toList();
    }

    @BatchMapping
    public Map<NetworkEdge, Actor> actor(List<NetworkEdge> edges) {
        return Batch.pick(edges, NetworkEdge::actorId, actors::findByIds);
    }

    @SchemaMapping
    public CompletableFuture<List<Event>> events(
            NetworkEdge edge, @Argument Integer first, DataFetchingEnvironment env) {
        int size = ActorAnalyticsController.size(first, DEFAULT_EVIDENCE, MAX_EVIDENCE);
        return events.load(env, new EvidenceKey(edge, size));
    }

    @SchemaMapping
    public CompletableFuture<List<Statement>> statements(
            NetworkEdge edge, @Argument Integer first, DataFetchingEnvironment env) {
        int size = ActorAnalyticsController.size(first, DEFAULT_EVIDENCE, MAX_EVIDENCE);
        return statements.load(env, new EvidenceKey(edge, size));
    }
}
