package org.newsgraph.event;

import org.newsgraph.relay.NodeRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Participations ({@code event_participants}) by their own ids: they are {@code Node}s, so that caches key them. */
@Repository
public class EventParticipantRepository extends NodeRepository<EventParticipant> {

    public EventParticipantRepository(JdbcClient jdbc) {
        super(
                jdbc,
                "EventParticipant",
                EventRepository.PARTICIPANT_COLUMNS,
                "event_participants ep",
                "ep.id",
                EventRepository::mapParticipant,
                EventParticipant::id);
    }
}
