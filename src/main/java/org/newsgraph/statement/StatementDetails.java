package org.newsgraph.statement;

/**
 * The columns of a {@code statements} row that {@code graphql/statement-detail.graphqls} adds, loaded once per
 * request level for all of its fields (a typed DataLoader, see {@link StatementDetailRepository}).
 */
public record StatementDetails(
        long id,
        Long addresseeId,
        Hedge hedge,
        Frequency frequency,
        boolean translated,
        String originalLanguage,
        Long withinId) {}
