package org.newsgraph.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What {@code Query.node}/{@code nodes} and the by-ID fields need of a feature: its type name and its rows. */
public interface NodeRepository<T> {

    /** The GraphQL type name, e.g. {@code Actor}. */
    String nodeType();

    /** The rows with these ids, in one statement; missing ids are absent from the map. */
    Map<Long, T> findByIds(Collection<Long> ids);

    /** A node type whose rows {@code finder} fetches by id (for types without a repository of their own). */
    static <T> NodeRepository<T> of(String type, java.util.function.Function<Collection<Long>, Map<Long, T>> finder) {
        return new NodeRepository<>() {
            @Override
            public String nodeType() {
                return type;
            }

            @Override
            public Map<Long, T> findByIds(Collection<Long> ids) {
                return finder.apply(ids);
            }
        };
    }

    /** The row with this id, or null. */
    default T findById(long id) {
        return findByIds(List.of(id)).get(id);
    }
}
