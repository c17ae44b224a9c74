package org.newsgraph.event;

import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/event-pages.graphqls} adds: an event's lists as connections
 * ({@code participantsConnection}, {@code subEventsConnection}, {@code relatedEventsConnection},
 * {@code statusHistoryConnection}); each is one SQL statement per level of events ({@link ConnectionLoader}).
 */
@Controller
public class EventPagesController {

    private final ConnectionLoader<Void, EventParticipant> participantsOfEvents;
    private final ConnectionLoader<Void, Event> subEventsOfEvents;
    private final ConnectionLoader<Void, EventRelation> relationsOfEvents;
    private final ConnectionLoader<Void, EventStatusChange> statusHistoryOfEvents;

    public EventPagesController(
            EventRepository events, EventStatusChangeRepository statusChanges, BatchLoaderRegistry registry) {
        this.participantsOfEvents = ConnectionLoader.register(
                registry, "Event", "participantsConnection", (ids, none, page) -> events.participantPages(ids, page));
        this.subEventsOfEvents = ConnectionLoader.register(
                registry, "Event", "subEventsConnection", (ids, none, page) -> events.subEventPages(ids, page));
        this.relationsOfEvents = ConnectionLoader.register(
                registry, "Event", "relatedEventsConnection", (ids, none, page) -> events.relationPages(ids, page));
        this.statusHistoryOfEvents = ConnectionLoader.register(
                registry,
                "Event",
                "statusHistoryConnection",
                (ids, none, page) -> statusChanges.statusHistoryPages(ids, page));
    }

    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Connection<EventParticipant>> participantsConnection(
            Event event, PageRequest page, DataFetchingEnvironment env) {
        return participantsOfEvents.load(env, event.id(), null, page);
    }

    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Connection<Event>> subEventsConnection(
            Event event, PageRequest page, DataFetchingEnvironment env) {
        return subEventsOfEvents.load(env, event.id(), null, page);
    }

    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Connection<EventRelation>> relatedEventsConnection(
            Event event, PageRequest page, DataFetchingEnvironment env) {
        return relationsOfEvents.load(env, event.id(), null, page);
    }

    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Connection<EventStatusChange>> statusHistoryConnection(
            Event event, PageRequest page, DataFetchingEnvironment env) {
        return statusHistoryOfEvents.load(env, event.id(), null, page);
    }
}
