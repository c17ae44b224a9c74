package org.newsgraph.article;

import java.time.LocalDate;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.GlobalId;

/** The GraphQL input {@code ArticleFilter}. */
public record ArticleFilter(String publisher, LocalDate from, LocalDate to, String text) {

    /** The filter with the publisher ID decoded, ready for SQL. */
    public static Criteria criteria(ArticleFilter filter) {
        if (filter == null) {
            return new Criteria(null, null, null, null);
        }
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_DATE_RANGE, "from (" + filter.from() + ") is after to (" + filter.to() + ")");
        }
        return new Criteria(
                GlobalId.decodeOptional(filter.publisher(), "Actor"),
                filter.from(),
                filter.to(),
                filter.text() == null || filter.text().isBlank() ? null : filter.text());
    }

    /** A decoded {@link ArticleFilter}. */
    public record Criteria(Long publisherId, LocalDate from, LocalDate to, String text) {}
}
