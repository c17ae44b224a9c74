package org.newsgraph.relay;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a Relay connection: the GraphQL {@code *Connection} types. {@code totalCount} is null
 * when the query did not ask for it (it costs a count over all matches).
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Long totalCount) {

    public static <T> Connection<T> empty() {
        return new Connection<>(List.of(), new PageInfo(false, false, null, null), 0L);
    }

    /** The nodes of the page, in order. */
    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }

    public <R> Connection<R> map(Function<T, R> mapper) {
        return new Connection<>(
                edges.stream()
                        .map(e -> new Edge<>(e.cursor(), mapper.apply(e.node())))
                        .toList(),
                pageInfo,
                totalCount);
    }

    /** One item with its cursor. */
    public record Edge<T>(String cursor, T node) {}

    /** Relay's PageInfo. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}
}
