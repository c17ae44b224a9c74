package org.newsgraph.batching;

import graphql.GraphQLContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DefaultBatchLoaderRegistry;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The application's {@link BatchLoaderRegistry} (it takes the place of Spring Boot's default one): the same
 * registrations ({@code @BatchMapping} methods, the features' typed loaders), but a request's DataLoaders are
 * created when a field first asks for one, not all of them up front. With some 70 loaders registered, Spring's
 * registry built every one of them (java-dataloader builds each twice, to name it) for every request, also for
 * the many requests that use two or three: about 4 % of the server's CPU on a cheap query (bench A1).
 *
 * <p>Each registration is kept in a {@link DefaultBatchLoaderRegistry} of its own, so a loader is created exactly
 * as Spring creates it (options, the request's GraphQL context, context propagation). Requests over HTTP and
 * WebSocket get a {@link LazyDataLoaders} registry ({@link #intercept}); a registry of another kind (an execution
 * that did not come through the web handler) gets every loader at once, as before.
 */
@Component
public class LazyBatchLoaderRegistry implements BatchLoaderRegistry, WebGraphQlInterceptor {

    /** Each name's registration, in a registry that holds only it. */
    private final Map<String, DefaultBatchLoaderRegistry> byName = new ConcurrentHashMap<>();

    @Override
    public <K, V> RegistrationSpec<K, V> forTypePair(Class<K> keyType, Class<V> valueType) {
        var registry = new DefaultBatchLoaderRegistry();
        return new Spec<>(registry, registry.forTypePair(keyType, valueType), valueType.getName());
    }

    @Override
    public <K, V> RegistrationSpec<K, V> forName(String name) {
        var registry = new DefaultBatchLoaderRegistry();
        return new Spec<>(registry, registry.forName(name), name);
    }

    @Override
    public boolean hasRegistrations() {
        return !byName.isEmpty();
    }

    @Override
    public void registerDataLoaders(DataLoaderRegistry registry, GraphQLContext context) {
        if (registry instanceof LazyDataLoaders lazy) {
            lazy.createFrom(this, context);
        } else {
            byName.values().forEach(one -> one.registerDataLoaders(registry, context));
        }
    }

    /** Every request over HTTP or WebSocket starts with an empty registry that creates its loaders on demand. */
    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        request.configureExecutionInput((input, builder) ->
                builder.dataLoaderRegistry(new LazyDataLoaders()).build());
        return chain.next(request);
    }

    /** Creates the loader named {@code name} into {@code registry}; false when no such loader is registered. */
    boolean create(String name, DataLoaderRegistry registry, GraphQLContext context) {
        var one = byName.get(name);
        if (one == null) return false;
        one.registerDataLoaders(registry, context);
        return true;
    }

    private void add(String name, DefaultBatchLoaderRegistry registry) {
        if (byName.putIfAbsent(name, registry) != null) {
            throw new IllegalStateException("More than one DataLoader named '" + name + "'");
        }
    }

    /** A registration: passed on to its own registry, which is kept under the loader's name when it is complete. */
    private final class Spec<K, V> implements RegistrationSpec<K, V> {
        private final DefaultBatchLoaderRegistry registry;
        private final RegistrationSpec<K, V> delegate;
        private String name;

        Spec(DefaultBatchLoaderRegistry registry, RegistrationSpec<K, V> delegate, String name) {
            this.registry = registry;
            this.delegate = delegate;
            this.name = name;
        }

        @Override
        public RegistrationSpec<K, V> withName(String name) {
            delegate.withName(name);
            if (StringUtils.hasText(name)) this.name = name;
            return this;
        }

        @Override
        public RegistrationSpec<K, V> withOptions(Consumer<DataLoaderOptions.Builder> optionsConsumer) {
            delegate.withOptions(optionsConsumer);
            return this;
        }

        @Override
        public RegistrationSpec<K, V> withOptions(DataLoaderOptions options) {
            delegate.withOptions(options);
            return this;
        }

        @Override
        public void registerBatchLoader(BiFunction<List<K>, BatchLoaderEnvironment, Flux<V>> loader) {
            delegate.registerBatchLoader(loader);
            add(name, registry);
        }

        @Override
        public void registerMappedBatchLoader(BiFunction<Set<K>, BatchLoaderEnvironment, Mono<Map<K, V>>> loader) {
            delegate.registerMappedBatchLoader(loader);
            add(name, registry);
        }
    }

    /**
     * One request's DataLoaders: a loader is created (and kept for the rest of the request) the first time a field
     * asks for it by name. graphql-java dispatches the loaders this registry holds: those created so far, which
     * are the only ones with keys to load.
     */
    static final class LazyDataLoaders extends DataLoaderRegistry {
        private volatile LazyBatchLoaderRegistry source;
        private volatile GraphQLContext context;
        /** Set while a loader is being created: Spring's registration looks the name up first. */
        private boolean creating;

        void createFrom(LazyBatchLoaderRegistry source, GraphQLContext context) {
            this.context = context;
            this.source = source;
        }

        @Override
        public <K, V> DataLoader<K, V> getDataLoader(String key) {
            DataLoader<K, V> loader = super.getDataLoader(key);
            if (loader != null || source == null) return loader;
            synchronized (this) {
                loader = super.getDataLoader(key);
                if (loader == null && !creating) {
                    creating = true;
                    try {
                        if (source.create(key, this, context)) loader = super.getDataLoader(key);
                    } finally {
                        creating = false;
                    }
                }
            }
            return loader;
        }
    }
}
