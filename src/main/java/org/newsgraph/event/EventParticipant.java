package org.newsgraph.event;

/** A row of {@code event_participants}: the GraphQL type {@code EventParticipant}. */
public record EventParticipant(
        long id,
        long eventId,
        long actorId,
        ParticipantRole role,
        Long representsId,
        String note,
        ParticipantStance stance) {}
