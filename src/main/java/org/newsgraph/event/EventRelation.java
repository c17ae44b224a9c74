package org.newsgraph.event;

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
        return rowId * 2 + (direction == Direction.INCOMING ? 1 : 0);
    }

    /** The GraphQL enum {@code RelationDirection}. */
    public enum Direction {
        OUTGOING,
        INCOMING
    }
}
