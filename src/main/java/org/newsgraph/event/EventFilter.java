package org.newsgraph.event;

import java.time.LocalDate;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.GlobalId;

/** The GraphQL input {@code EventFilter}. */
public record EventFilter(
        EventKind kind, EventStatus status, String participant, LocalDate from, LocalDate to, String text) {

    /** The filter with the participant ID decoded, ready for SQL. */
    public static Criteria criteria(EventFilter filter) {
        if (filter == null) {
            return new Criteria(null, null, null, null, null, null);
        }
        if (filter.from() != null && filter.to() != null && filter.from().isAfter(filter.to())) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_DATE_RANGE, "from (" + filter.from() + ") is after to (" + filter.to() + ")");
        }
        return new Criteria(
                filter.kind(),
                filter.status(),
                GlobalId.decodeOptional(filter.participant(), "Actor"),
                filter.from(),
                filter.to(),
                filter.text() == null || filter.text().isBlank() ? null : filter.text());
    }

    /** A decoded {@link EventFilter}. */
    public record Criteria(
            EventKind kind, EventStatus status, Long participantId, LocalDate from, LocalDate to, String text) {}
}
