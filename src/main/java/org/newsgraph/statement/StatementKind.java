package org.newsgraph.statement;

/** The {@code statements.kind} column and the GraphQL enum {@code StatementKind}. */
public enum StatementKind {
    DIRECT_QUOTE,
    PARTIAL_QUOTE,
    PARAPHRASE,
    REFUSAL,
    ARTICLE_CLAIM
}
