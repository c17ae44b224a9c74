package org.newsgraph.statement;

/**
 * The GraphQL enum {@code StatementOrder}: how a statement list is ordered. Each order issues cursors of its
 * own kind, so that a cursor of one order is refused by another ({@code INVALID_CURSOR}) instead of paging
 * wrongly; the kinds are those {@code PageRequestArgumentResolver} derives from the argument.
 */
public enum StatementOrder {
    /** By the date said, newest first, undated last, then by ID (the default). */
    NEWEST_FIRST("Statement"),
    /** The exact reverse: undated first, then oldest first. */
    OLDEST_FIRST("Statement~oldest_first"),
    /** As the articles tell them: by article, then position in the article. */
    ARTICLE_ORDER("Statement~article_order");

    private final String cursorKind;

    StatementOrder(String cursorKind) {
        this.cursorKind = cursorKind;
    }

    /** The kind of cursor lists in this order issue and accept. */
    public String cursorKind() {
        return cursorKind;
    }
}
