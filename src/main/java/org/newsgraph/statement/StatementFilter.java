package org.newsgraph.statement;

import java.time.LocalDate;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.GlobalId;

/** The GraphQL input {@code StatementFilter}; the IDs are global IDs. */
public record StatementFilter(
        String speaker,
        String event,
        String article,
        StatementKind kind,
        LocalDate saidFrom,
        LocalDate saidTo,
        String text) {

    /**
     * The filter with its IDs decoded and checked, ready for SQL.
     *
     * @throws ApiException for a malformed ID or an empty date range
     */
    public static Criteria criteria(StatementFilter filter) {
        if (filter == null) {
            return Criteria.NONE;
        }
        if (filter.saidFrom() != null
                && filter.saidTo() != null
                && filter.saidFrom().isAfter(filter.saidTo())) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_DATE_RANGE,
                    "saidFrom (" + filter.saidFrom() + ") is after saidTo (" + filter.saidTo() + ")");
        }
        String text = filter.text() == null || filter.text().isBlank() ? null : filter.text();
        return new Criteria(
                GlobalId.decodeOptional(filter.speaker(), "Actor"),
                GlobalId.decodeOptional(filter.event(), "Event"),
                GlobalId.decodeOptional(filter.article(), "Article"),
                filter.kind(),
                filter.saidFrom(),
                filter.saidTo(),
                text);
    }

    /** A decoded {@link StatementFilter}: table ids instead of global IDs. */
    public record Criteria(
            Long speakerId,
            Long eventId,
            Long articleId,
            StatementKind kind,
            LocalDate saidFrom,
            LocalDate saidTo,
            String text) {

        public static final Criteria NONE = new Criteria(null, null, null, null, null, null, null);
    }
}
