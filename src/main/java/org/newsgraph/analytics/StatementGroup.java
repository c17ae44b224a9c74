package org.newsgraph.analytics;

import java.util.List;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementKind;

/**
 * The GraphQL type {@code StatementGroup}: a group of {@code statementStats}, with what its statements
 * connection needs to find them again (the filter and the dimensions it was grouped by).
 */
public record StatementGroup(
        long count, Long speakerId, StatementKind kind, Long publisherId, Long eventId, Period period, Spec spec) {

    /** The question the group answers: the filter and the dimensions (deduplicated, at most one date bucket). */
    public record Spec(StatementFilter.Criteria filter, List<StatementGrouping> groupBy) {

        DateBucket bucket() {
            return groupBy.stream()
                    .map(StatementGrouping::bucket)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
    }
}
