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
        String text,
        String speakerName,
        String relayedBy,
        String mentions,
        String cue,
        String channel,
        String addressee) {

    /**
     * The filter with its IDs decoded and checked, ready for SQL, in the default order.
     *
     * @throws ApiException for a malformed ID or an empty date range
     */
    public static Criteria criteria(StatementFilter filter) {
        return criteria(filter, null, false);
    }

    /**
     * The filter and the order of the list, decoded and checked.
     *
     * @param order null for the default, {@link StatementOrder#NEWEST_FIRST}
     * @param includeSubEvents for an event's statements: those of its sub-events (at any depth) too
     */
    public static Criteria criteria(StatementFilter filter, StatementOrder order, boolean includeSubEvents) {
        var ordered = order == null ? StatementOrder.NEWEST_FIRST : order;
        if (filter == null) {
            return ordered == StatementOrder.NEWEST_FIRST && !includeSubEvents
                    ? Criteria.NONE
                    : Criteria.NONE.with(ordered, includeSubEvents);
        }
        if (filter.saidFrom() != null
                && filter.saidTo() != null
                && filter.saidFrom().isAfter(filter.saidTo())) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_DATE_RANGE,
                    "saidFrom (" + filter.saidFrom() + ") is after saidTo (" + filter.saidTo() + ")");
        }
        return new Criteria(
                GlobalId.decodeOptional(filter.speaker(), "Actor"),
                GlobalId.decodeOptional(filter.event(), "Event"),
                GlobalId.decodeOptional(filter.article(), "Article"),
                filter.kind(),
                filter.saidFrom(),
                filter.saidTo(),
                blankToNull(filter.text()),
                blankToNull(filter.speakerName()),
                GlobalId.decodeOptional(filter.relayedBy(), "Actor"),
                GlobalId.decodeOptional(filter.mentions(), "Actor"),
                blankToNull(filter.cue()),
                blankToNull(filter.channel()),
                GlobalId.decodeOptional(filter.addressee(), "Actor"),
                ordered,
                includeSubEvents);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A decoded {@link StatementFilter}, with the list's order: table ids instead of global IDs. */
    public record Criteria(
            Long speakerId,
            Long eventId,
            Long articleId,
            StatementKind kind,
            LocalDate saidFrom,
            LocalDate saidTo,
            String text,
            String speakerName,
            Long relayedById,
            Long mentionsId,
            String cue,
            String channel,
            Long addresseeId,
            StatementOrder order,
            boolean includeSubEvents) {

        public static final Criteria NONE = new Criteria(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                StatementOrder.NEWEST_FIRST,
                false);

        public Criteria {
            if (order == null) order = StatementOrder.NEWEST_FIRST;
        }

        Criteria with(StatementOrder order, boolean includeSubEvents) {
            return new Criteria(
                    speakerId,
                    eventId,
                    articleId,
                    kind,
                    saidFrom,
                    saidTo,
                    text,
                    speakerName,
                    relayedById,
                    mentionsId,
                    cue,
                    channel,
                    addresseeId,
                    order,
                    includeSubEvents);
        }
    }
}
