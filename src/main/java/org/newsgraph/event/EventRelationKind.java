package org.newsgraph.event;

/** The {@code event_relations.kind} column and the GraphQL enum {@code EventRelationKind}. */
public enum EventRelationKind {
    FOLLOWS,
    RESPONDS_TO,
    REPLACES,
    CAUSED_BY,
    RELATED_TO
}
