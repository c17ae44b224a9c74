package org.newsgraph.event;

/** The {@code events.kind} column and the GraphQL enum {@code EventKind}. */
public enum EventKind {
    MEETING,
    TALKS,
    VISIT,
    PEACE_PROCESS,
    PROPOSAL,
    CEASEFIRE,
    WAR,
    INVASION,
    ANNEXATION,
    ANNOUNCEMENT,
    STATEMENT,
    OTHER
}
