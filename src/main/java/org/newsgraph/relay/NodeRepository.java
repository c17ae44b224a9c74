package org.newsgraph.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;

/** What {@code Query.node}/{@code nodes} and the by-ID fields need of a feature: its type name and its rows. */
public interface NodeRepository<T> {

    /** The GraphQL type name, e.g. {@code Actor}. */
    String nodeType();

    /** The rows with these ids, in one statement; missing ids are absent from the map. */
    Map<Long, T> findByIds(Collection<Long> ids);

    /**
     * The row with this id, or null. Read-only like the repositories' own methods (their class-level
     * {@code @Transactional} does not cover an inherited default method), so it reads on a replica when
     * there are some.
     */
    @Transactional(readOnly = true)
    default T findById(long id) {
        return findByIds(List.of(id)).get(id);
    }
}
