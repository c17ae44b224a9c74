package org.newsgraph.event;

/** The {@code events.status} column and the GraphQL enum {@code EventStatus}. */
public enum EventStatus {
    PROPOSED,
    SCHEDULED,
    ONGOING,
    HAPPENED,
    CANCELLED,
    POSTPONED,
    REJECTED,
    ACCEPTED,
    DOWNGRADED
}
