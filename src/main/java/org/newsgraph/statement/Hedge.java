package org.newsgraph.statement;

/** The {@code statements.hedge} column and the GraphQL enum {@code Hedge}: how the article qualifies a statement. */
public enum Hedge {
    REPORTEDLY,
    EXPECTED,
    ALLEGEDLY,
    POSSIBLY
}
