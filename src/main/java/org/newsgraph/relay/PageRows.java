package org.newsgraph.relay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the rows read for one page into a {@link Connection}: the query reads one row more than the page
 * to learn whether there is a next (or, backwards, a previous) page, and, when counting, how many rows
 * the connection has and how many lie beyond the cursors.
 */
public final class PageRows<T> {

    private final List<Connection.Edge<T>> edges = new ArrayList<>();
    private long total;
    private long beforeAfterCursor;
    private long afterBeforeCursor;

    /** A row of the page, in the order read (backwards pages are read in reverse). */
    public void add(String cursor, T node) {
        edges.add(new Connection.Edge<>(cursor, node));
    }

    /**
     * @param beforeAfterCursor rows at or before the {@code after} cursor
     * @param afterBeforeCursor rows at or after the {@code before} cursor
     */
    public void counts(long total, long beforeAfterCursor, long afterBeforeCursor) {
        this.total = total;
        this.beforeAfterCursor = beforeAfterCursor;
        this.afterBeforeCursor = afterBeforeCursor;
    }

    public Connection<T> toConnection(PageRequest page) {
        boolean more = edges.size() > page.size();
        List<Connection.Edge<T>> pageEdges = new ArrayList<>(more ? edges.subList(0, page.size()) : edges);
        if (page.backward()) {
            Collections.reverse(pageEdges);
        }
        boolean rowsBefore = beforeAfterCursor > 0;
        boolean rowsAfter = afterBeforeCursor > 0;
        boolean hasNext = page.backward() ? rowsAfter : more || rowsAfter;
        boolean hasPrevious = page.backward() ? more || rowsBefore : rowsBefore;
        var info = new Connection.PageInfo(
                hasNext,
                hasPrevious,
                pageEdges.isEmpty() ? null : pageEdges.get(0).cursor(),
                pageEdges.isEmpty() ? null : pageEdges.get(pageEdges.size() - 1).cursor());
        return new Connection<>(List.copyOf(pageEdges), info, page.counts() ? total : null);
    }
}
