package org.newsgraph.statement;

/** The {@code statements.frequency} column and the GraphQL enum {@code Frequency}: how often it was said. */
public enum Frequency {
    REPEATEDLY,
    AGAIN,
    PREVIOUSLY,
    FIRST_TIME
}
