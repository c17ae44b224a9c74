package org.newsgraph.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A request's DataLoaders are created when a field asks for them, and load as Spring's do. */
class LazyBatchLoaderRegistryTest {

    private final LazyBatchLoaderRegistry registry = new LazyBatchLoaderRegistry();

    private final AtomicInteger batches = new AtomicInteger();

    LazyBatchLoaderRegistryTest() {
        registry.<Long, String>forName("Actor.name").registerMappedBatchLoader((ids, env) -> {
            batches.incrementAndGet();
            return Mono.just(ids.stream().collect(Collectors.toMap(id -> id, id -> "actor " + id)));
        });
        registry.forTypePair(Long.class, Integer.class)
                .registerBatchLoader((ids, env) -> Flux.fromIterable(ids).map(Long::intValue));
    }

    @Test
    void aRequestsRegistry_holdsOnlyTheLoadersItsFieldsAskedFor() {
        var lazy = new LazyBatchLoaderRegistry.LazyDataLoaders();
        registry.registerDataLoaders(lazy, GraphQLContext.newContext().build());
        assertThat(lazy.getKeys()).isEmpty();

        DataLoader<Long, String> names = lazy.getDataLoader("Actor.name");
        assertThat(names).isNotNull();
        assertThat(lazy.getDataLoader("Actor.name"))
                .as("created once per request")
                .isSameAs(names);
        assertThat(lazy.getDataLoader("no such loader")).isNull();
        assertThat(lazy.getKeys()).containsExactly("Actor.name");

        var first = names.load(1L);
        var second = names.load(2L);
        lazy.dispatchAll();
        assertThat(first.join()).isEqualTo("actor 1");
        assertThat(second.join()).isEqualTo("actor 2");
        assertThat(batches).as("one batch for both keys").hasValue(1);
    }

    @Test
    void aTypePairLoader_isNamedByItsValueType() {
        var lazy = new LazyBatchLoaderRegistry.LazyDataLoaders();
        registry.registerDataLoaders(lazy, GraphQLContext.newContext().build());
        DataLoader<Long, Integer> numbers = lazy.getDataLoader(Integer.class.getName());
        var value = numbers.load(41L);
        lazy.dispatchAll();
        assertThat(value.join()).isEqualTo(41);
    }

    @Test
    void anotherKindOfRegistry_getsEveryLoaderAtOnce() {
        var plain = DataLoaderRegistry.newRegistry().build();
        registry.registerDataLoaders(plain, GraphQLContext.newContext().build());
        assertThat(plain.getKeys()).containsExactlyInAnyOrder("Actor.name", Integer.class.getName());
    }

    @Test
    void twoLoadersOfOneName_areRefusedAtRegistration() {
        assertThatThrownBy(() -> registry.<Long, String>forName("Actor.name")
                        .registerMappedBatchLoader((ids, env) -> Mono.just(Map.<Long, String>of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Actor.name");
        var plain = DataLoaderRegistry.newRegistry().build();
        registry.registerDataLoaders(plain, GraphQLContext.newContext().build());
        assertThat(plain.getKeys()).as("the first registration stays").hasSize(2);
    }
}
