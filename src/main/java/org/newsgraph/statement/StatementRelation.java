package org.newsgraph.statement;

/**
 * A row of {@code statement_relations} seen from one of its statements: the GraphQL type {@code
 * StatementRelation}.
 *
 * @param statementId the statement whose relation this is
 * @param otherStatementId the other statement
 */
public record StatementRelation(
        long statementId, StatementRelationKind kind, Direction direction, long otherStatementId, long rowId) {

    /** The GraphQL enum {@code RelationDirection}, as seen from {@code statementId}. */
    public enum Direction {
        OUTGOING,
        INCOMING
    }

    /** The key of its global ID: the row's id and the side it is seen from (see {@code EventRelation}). */
    public long nodeKey() {
        return rowId * 2 + (direction == Direction.INCOMING ? 1 : 0);
    }
}
