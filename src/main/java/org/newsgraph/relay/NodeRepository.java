package org.newsgraph.relay;

import java.util.Collection;
import java.util.Map;

/** What {@code Query.node}/{@code nodes} needs of a feature: its type name and its rows by id. */
public interface NodeRepository {

    /** The GraphQL type name, e.g. {@code Actor}. */
    String nodeType();

    /** The rows with these ids, in one statement; missing ids are absent from the map. */
    Map<Long, ?> findByIds(Collection<Long> ids);
}
