package org.newsgraph.statement;

import org.newsgraph.relay.TwoWayLinks;

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
        return TwoWayLinks.nodeKey(rowId, direction == Direction.INCOMING);
    }

    /** {@code statement_relations} read from either statement: the plain lists, the pages and the nodes. */
    static final TwoWayLinks<StatementRelation> LINKS = new TwoWayLinks<>(
            "StatementRelation",
            "statement_relations",
            "statement_id",
            "related_statement_id",
            (owner, kind, direction, other, row) -> new StatementRelation(
                    owner, StatementRelationKind.valueOf(kind), Direction.valueOf(direction), other, row));
}
