package org.newsgraph.event;

/** The {@code event_participants.role} column and the GraphQL enum {@code ParticipantRole}. */
public enum ParticipantRole {
    HOST,
    ATTENDEE,
    REPRESENTATIVE,
    ABSENT,
    WITHDREW,
    PROPOSER,
    TARGET,
    MEDIATOR,
    ORGANIZER,
    SUBJECT,
    PARTY,
    OBSERVER,
    SUPPORTER,
    PLANNED,
    UNCERTAIN
}
