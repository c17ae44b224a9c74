package org.newsgraph.relay;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import reactor.core.publisher.Mono;

/**
 * The DataLoader of one connection field that takes arguments ({@code @BatchMapping} takes none): all
 * parents of one level that ask with the same arguments are fetched by one call of its {@link PageFetcher},
 * i.e. one SQL statement per level.
 *
 * <p>The controller that serves the field registers it in its constructor and keeps it in a field:
 *
 * <pre>{@code
 * statementsOfSpeaker = ConnectionLoader.register(registry, "Actor", "statements", fetcher);
 * ...
 * @SchemaMapping(typeName = "Actor")
 * CompletableFuture<Connection<Statement>> statements(Actor actor, PageRequest page, DataFetchingEnvironment env) {
 *     return statementsOfSpeaker.load(env, actor.id(), filter, page);
 * }
 * }</pre>
 *
 * so the loader is typed and found where it is used, never looked up by a name elsewhere.
 *
 * @param <F> the field's filter arguments (a record, may be null): part of the batching key
 * @param <T> the connection's node type
 */
public final class ConnectionLoader<F, T> {

    /** Fetches the pages of many parents at once. */
    @FunctionalInterface
    public interface PageFetcher<F, T> {
        Map<Long, Connection<T>> fetch(Set<Long> parentIds, F filter, PageRequest page);
    }

    /**
     * Fetches, for the rows of the pages a loader just read, what the selection set asks below them
     * ("lookahead", see {@code org.newsgraph.lookahead.Preloaded}); called once per batch with every page
     * and the distinct non-null lookaheads the fields passed to {@link #load(DataFetchingEnvironment, long,
     * Object, PageRequest, Object)}.
     */
    @FunctionalInterface
    public interface Preloader<T> {
        void preload(List<Connection<T>> pages, Set<Object> lookaheads, GraphQLContext context);
    }

    private record Arguments<F>(F filter, PageRequest page) {}

    /** The DataLoader key: the parent row and the field's arguments. */
    private record ParentPage<F>(long parentId, F filter, PageRequest page) {}

    private final String name;

    private ConnectionLoader(String name) {
        this.name = name;
    }

    /** Registers the loader of field {@code typeName.field}. */
    public static <F, T> ConnectionLoader<F, T> register(
            BatchLoaderRegistry registry, String typeName, String field, PageFetcher<F, T> fetcher) {
        return register(registry, typeName, field, fetcher, null);
    }

    /** Like {@link #register(BatchLoaderRegistry, String, String, PageFetcher)}, then preloads below the pages' rows. */
    public static <F, T> ConnectionLoader<F, T> register(
            BatchLoaderRegistry registry,
            String typeName,
            String field,
            PageFetcher<F, T> fetcher,
            Preloader<T> preloader) {
        var loader = new ConnectionLoader<F, T>(typeName + "." + field);
        registry.<ParentPage<F>, Connection<T>>forName(loader.name)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> {
                    var result = fetch(keys, fetcher);
                    if (preloader != null) {
                        preload(result, environment, preloader);
                    }
                    return result;
                }));
        return loader;
    }

    private static <F, T> void preload(
            Map<ParentPage<F>, Connection<T>> result, BatchLoaderEnvironment environment, Preloader<T> preloader) {
        var lookaheads = new LinkedHashSet<Object>();
        for (Object keyContext : environment.getKeyContexts().values()) {
            if (keyContext != null) {
                lookaheads.add(keyContext);
            }
        }
        if (!lookaheads.isEmpty() && environment.getContext() instanceof GraphQLContext context) {
            preloader.preload(List.copyOf(result.values()), lookaheads, context);
        }
    }

    private static <F, T> Map<ParentPage<F>, Connection<T>> fetch(Set<ParentPage<F>> keys, PageFetcher<F, T> fetcher) {
        var groups = new LinkedHashMap<Arguments<F>, Set<Long>>();
        for (var key : keys) {
            groups.computeIfAbsent(new Arguments<>(key.filter(), key.page()), a -> new LinkedHashSet<>())
                    .add(key.parentId());
        }
        var result = new LinkedHashMap<ParentPage<F>, Connection<T>>();
        groups.forEach((arguments, parentIds) -> {
            var pages = fetcher.fetch(parentIds, arguments.filter(), arguments.page());
            for (Long parentId : parentIds) {
                result.put(
                        new ParentPage<>(parentId, arguments.filter(), arguments.page()),
                        pages.getOrDefault(parentId, Connection.empty()));
            }
        });
        return result;
    }

    /** The page of one parent (batched with the other parents of the level). */
    public CompletableFuture<Connection<T>> load(
            DataFetchingEnvironment env, long parentId, F filter, PageRequest page) {
        return load(env, parentId, filter, page, null);
    }

    /**
     * Like {@link #load(DataFetchingEnvironment, long, Object, PageRequest)}, passing {@code lookahead} (what
     * the selection set asks below the rows, for the loader's {@link Preloader}) as the key context.
     */
    public CompletableFuture<Connection<T>> load(
            DataFetchingEnvironment env, long parentId, F filter, PageRequest page, Object lookahead) {
        DataLoader<ParentPage<F>, Connection<T>> loader = env.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No DataLoader registered as " + name);
        }
        return loader.load(new ParentPage<>(parentId, filter, page), lookahead);
    }
}
