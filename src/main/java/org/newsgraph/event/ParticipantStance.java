package org.newsgraph.event;

/** The {@code event_participants.stance} column and the GraphQL enum {@code ParticipantStance}. */
public enum ParticipantStance {
    AGREED,
    REJECTED,
    UNDECIDED
}
