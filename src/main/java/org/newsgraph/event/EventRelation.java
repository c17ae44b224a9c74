package org.newsgraph.event;

/**
 * A row of {@code event_relations} seen from one of its events: the GraphQL type {@code EventRelation}.
 *
 * @param eventId the event whose relation this is
 * @param relatedEventId the other event
 */
public record EventRelation(long eventId, EventRelationKind kind, Direction direction, long relatedEventId) {

    /** The GraphQL enum {@code RelationDirection}. */
    public enum Direction {
        OUTGOING,
        INCOMING
    }
}
