package org.newsgraph.event;

import org.newsgraph.relay.TwoWayLinks;

/**
 * A row of {@code event_relations} seen from one of its events: the GraphQL type {@code EventRelation}.
 *
 * @param eventId the event whose relation this is
 * @param relatedEventId the other event
 */
public record EventRelation(
        long eventId, EventRelationKind kind, Direction direction, long relatedEventId, long rowId) {

    /**
     * The key of its global ID: the row's id and the direction, so that the relation seen from either event is
     * its own object for a client cache (their {@code direction} and {@code event} differ).
     */
    public long nodeKey() {
        return TwoWayLinks.nodeKey(rowId, direction == Direction.INCOMING);
    }

    /** {@code event_relations} read from either event: the plain lists, the pages and the nodes. */
    static final TwoWayLinks<EventRelation> LINKS = new TwoWayLinks<>(
            "EventRelation",
            "event_relations",
            "event_id",
            "related_event_id",
            (owner, kind, direction, other, row) -> new EventRelation(
                    owner, EventRelationKind.valueOf(kind), Direction.valueOf(direction), other, row));

    /** The GraphQL enum {@code RelationDirection}. */
    public enum Direction {
        OUTGOING,
        INCOMING
    }
}
