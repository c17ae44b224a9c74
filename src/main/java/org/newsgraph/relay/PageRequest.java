package org.newsgraph.relay;

import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;

/**
 * The Relay pagination arguments of one connection field, validated: {@code first}/{@code after} pages
 * forwards, {@code last}/{@code before} backwards. Without {@code first} and {@code last} the page holds
 * {@value #DEFAULT_SIZE} items; more than {@value #MAX_SIZE} are refused. A controller method gets it as a
 * parameter, resolved once from the field's arguments by {@link PageRequestArgumentResolver}.
 *
 * @param counts whether the query asked for what needs counting ({@code totalCount}, {@code pageInfo} across
 *     cursors); counting all matches is the expensive part of a page
 */
public record PageRequest(int size, boolean backward, Cursor after, Cursor before, boolean counts) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * @param cursorKind the kind of cursor this connection issues; a cursor of another connection is refused
     */
    public static PageRequest of(String cursorKind, Integer first, String after, Integer last, String before) {
        if (first != null && last != null) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_PAGE_SIZE,
                    "Give either first (to page forwards) or last (to page backwards), not both");
        }
        check("first", first);
        check("last", last);
        boolean backward = last != null;
        int size = first != null ? first : last != null ? last : DEFAULT_SIZE;
        return new PageRequest(
                size,
                backward,
                Cursor.decode(cursorKind, "after", after),
                Cursor.decode(cursorKind, "before", before),
                false);
    }

    /** This page, counting or not. */
    public PageRequest withCounts(boolean counts) {
        return new PageRequest(size, backward, after, before, counts);
    }

    private static void check(String name, Integer value) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_PAGE_SIZE, "'" + name + "' must not be negative, but was " + value);
        }
        if (value > MAX_SIZE) {
            throw ApiException.badInput(
                    ErrorCode.PAGE_SIZE_TOO_LARGE,
                    "'" + name + "' may be at most " + MAX_SIZE + ", but was " + value
                            + "; page with the cursors instead");
        }
    }
}
