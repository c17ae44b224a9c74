package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.dataloader.DataLoader;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import reactor.core.publisher.Mono;

/**
 * The typed DataLoader of one analytics field with arguments, registered by the controller that serves the
 * field: every parent of one level asking with the same arguments is answered by one SQL statement.
 */
final class FieldLoader<K, V> {

    private final String name;

    private FieldLoader(String name) {
        this.name = name;
    }

    /** Registers the loader of {@code typeName.field}, which answers a whole batch of keys at once. */
    static <K, V> FieldLoader<K, V> register(
            BatchLoaderRegistry registry, String typeName, String field, Function<Set<K>, Map<K, V>> batch) {
        var loader = new FieldLoader<K, V>(typeName + "." + field);
        registry.<K, V>forName(loader.name)
                .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> batch.apply(keys)));
        return loader;
    }

    /**
     * Registers a loader that splits its keys by {@code arguments}, fetches each part at once (a map by
     * owner) and hands every key its owner's value.
     */
    static <K, V, A> FieldLoader<K, V> register(
            BatchLoaderRegistry registry,
            String typeName,
            String field,
            Function<K, A> arguments,
            Function<List<K>, Map<?, V>> fetch,
            Function<K, Object> owner) {
        return register(registry, typeName, field, keys -> {
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
        });
    }

    CompletableFuture<V> load(DataFetchingEnvironment env, K key) {
        DataLoader<K, V> loader = env.getDataLoader(name);
        if (loader == null) {
            throw new IllegalStateException("No DataLoader registered as " + name);
        }
        return loader.load(key);
    }

    /** The distinct owner ids of a part. */
    static <K> List<Long> ids(List<K> keys, java.util.function.ToLongFunction<K> id) {
        return keys.stream().mapToLong(id).distinct().boxed().toList();
    }

    /** Lists of ids to lists of rows, the rows fetched at once. */
    static <P, T> Map<P, List<T>> rows(Map<P, List<Long>> idLists, Function<List<Long>, Map<Long, T>> fetch) {
        var all = idLists.values().stream().flatMap(List::stream).distinct().toList();
        var rows = all.isEmpty() ? Map.<Long, T>of() : fetch.apply(all);
        var result = new LinkedHashMap<P, List<T>>();
        idLists.forEach((owner, ids) -> result.put(
                owner, ids.stream().map(rows::get).filter(Objects::nonNull).toList()));
        return result;
    }
}
