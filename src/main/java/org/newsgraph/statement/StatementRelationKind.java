package org.newsgraph.statement;

/** The {@code statement_relations.kind} column and the GraphQL enum {@code StatementRelationKind}. */
public enum StatementRelationKind {
    CONFIRMS,
    DENIES,
    RESPONDS_TO,
    REPEATS,
    CORRECTS
}
