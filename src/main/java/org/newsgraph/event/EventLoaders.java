package org.newsgraph.event;

import org.newsgraph.relay.ConnectionLoaders;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;

/** The DataLoader of {@code Actor.participations}: all actors of a level in one SQL statement. */
@Configuration(proxyBeanMethods = false)
public class EventLoaders {

    public static final String PARTICIPATIONS = "Actor.participations";

    public EventLoaders(BatchLoaderRegistry registry, EventRepository events) {
        ConnectionLoaders.<ParticipantRole, EventParticipant>register(
                registry,
                PARTICIPATIONS,
                (ids, role, page, counts) -> events.participationsOfActors(ids, role, page, counts));
    }
}
