package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import reactor.core.publisher.Mono;

/**
 * The DataLoaders of the analytics fields that take arguments: every owner of one level asking with the
 * same arguments is answered by one SQL statement ({@code Actor.timeline}, {@code Actor.network},
 * {@code Event.timeline}, the evidence of network edges, the statements of statement groups).
 */
@Configuration(proxyBeanMethods = false)
public class AnalyticsLoaders {

    static final String ACTOR_TIMELINE = "Actor.timeline";
    static final String EVENT_TIMELINE = "Event.timeline";
    static final String NETWORK = "Actor.network";
    static final String EDGE_EVENTS = "NetworkEdge.events";
    static final String EDGE_STATEMENTS = "NetworkEdge.statements";
    static final String GROUP_STATEMENTS = "StatementGroup.statements";

    record ActorTimelineKey(long actorId, DateBucket bucket, StatementFilter.Criteria filter) {}

    record EventTimelineKey(long eventId, DateBucket bucket) {}

    record NetworkKey(long actorId, Set<NetworkLink> via, int first) {}

    record EdgeKey(NetworkEdge edge, int first) {
        NetworkRepository.Pair pair() {
            return new NetworkRepository.Pair(edge.ownerId(), edge.actorId());
        }
    }

    record GroupStatementsKey(StatementGroup group, PageRequest page, boolean counts) {}

    public AnalyticsLoaders(
            BatchLoaderRegistry registry,
            TimelineRepository timelines,
            NetworkRepository networks,
            EventRepository events,
            StatementRepository statements) {
        AnalyticsLoaders.<ActorTimelineKey, Timeline, List<Object>>register(
                registry,
                ACTOR_TIMELINE,
                key -> List.of(key.bucket(), key.filter()),
                keys -> timelines.ofActors(
                        ids(keys, ActorTimelineKey::actorId),
                        keys.get(0).bucket(),
                        keys.get(0).filter()),
                ActorTimelineKey::actorId);
        AnalyticsLoaders.<EventTimelineKey, Timeline, DateBucket>register(
                registry,
                EVENT_TIMELINE,
                EventTimelineKey::bucket,
                keys -> timelines.ofEvents(
                        ids(keys, EventTimelineKey::eventId), keys.get(0).bucket()),
                EventTimelineKey::eventId);
        AnalyticsLoaders.<NetworkKey, List<NetworkEdge>, List<Object>>register(
                registry,
                NETWORK,
                key -> List.of(key.via(), key.first()),
                keys -> networks.networks(
                        ids(keys, NetworkKey::actorId),
                        keys.get(0).via(),
                        keys.get(0).first()),
                NetworkKey::actorId);
        AnalyticsLoaders.<EdgeKey, List<Event>, List<Object>>register(
                registry,
                EDGE_EVENTS,
                key -> List.of(key.edge().via(), key.first()),
                keys -> resolve(
                        networks.sharedEvents(
                                keys.stream().map(EdgeKey::pair).distinct().toList(),
                                keys.get(0).edge().via(),
                                keys.get(0).first()),
                        events::findByIds),
                EdgeKey::pair);
        AnalyticsLoaders.<EdgeKey, List<Statement>, List<Object>>register(
                registry,
                EDGE_STATEMENTS,
                key -> List.of(key.edge().via(), key.first()),
                keys -> resolve(
                        networks.sharedStatements(
                                keys.stream().map(EdgeKey::pair).distinct().toList(),
                                keys.get(0).edge().via(),
                                keys.get(0).first()),
                        statements::findByIds),
                EdgeKey::pair);
        var groupStatements = new GroupStatements(statements);
        registry.<GroupStatementsKey, Connection<Statement>>forName(GROUP_STATEMENTS)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> groupStatements.load(keys)));
    }

    /**
     * Registers a loader that splits its keys by {@code arguments}, fetches each part at once and hands
     * every key its owner's value.
     */
    private static <K, V, A> void register(
            BatchLoaderRegistry registry,
            String name,
            Function<K, A> arguments,
            Function<List<K>, Map<?, V>> fetch,
            Function<K, Object> owner) {
        registry.<K, V>forName(name)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> {
                    var parts = new LinkedHashMap<A, List<K>>();
                    keys.forEach(key -> parts.computeIfAbsent(arguments.apply(key), a -> new ArrayList<>())
                            .add(key));
                    var result = new LinkedHashMap<K, V>();
                    parts.values().forEach(part -> {
                        var values = fetch.apply(part);
                        part.forEach(key -> {
                            V value = values.get(owner.apply(key));
                            if (value != null) {
                                result.put(key, value);
                            }
                        });
                    });
                    return result;
                }));
    }

    private static <K> List<Long> ids(List<K> keys, java.util.function.ToLongFunction<K> id) {
        return keys.stream().mapToLong(id).distinct().boxed().toList();
    }

    /** Lists of ids to lists of rows, the rows fetched at once. */
    private static <P, T> Map<P, List<T>> resolve(
            Map<P, List<Long>> idLists, Function<List<Long>, Map<Long, T>> fetch) {
        var all = idLists.values().stream().flatMap(List::stream).distinct().toList();
        var rows = all.isEmpty() ? Map.<Long, T>of() : fetch.apply(all);
        var result = new LinkedHashMap<P, List<T>>();
        idLists.forEach((pair, ids) -> result.put(
                pair,
                ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList()));
        return result;
    }

    static <K, V> CompletableFuture<V> load(DataFetchingEnvironment env, String name, K key) {
        DataLoader<K, V> loader = env.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No DataLoader registered as " + name);
        }
        return loader.load(key);
    }
}
