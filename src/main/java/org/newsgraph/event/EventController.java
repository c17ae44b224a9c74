package org.newsgraph.event;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.lookahead.Preloadable;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/event.graphqls} declares: the GraphQL types {@code Event}, {@code EventParticipant}
 * and {@code EventRelation}, the event entry points on {@code Query}, and {@code Actor.participations} (the
 * links in {@code event_participants}). {@code Event.statements} and {@code Event.articles} are served by
 * the features that own those links.
 */
@Controller
public class EventController {

    private final EventRepository events;
    private final ActorRepository actors;

    private final ConnectionLoader<ParticipantRole, EventParticipant> participationsOfActors;

    public EventController(EventRepository events, ActorRepository actors, BatchLoaderRegistry registry) {
        this.events = events;
        this.actors = actors;
        this.participationsOfActors = ConnectionLoader.register(
                registry,
                "Actor",
                "participations",
                (ids, role, page) -> events.participationsOfActors(ids, role, page));
    }

    @QueryMapping
    public Event event(@Argument String id) {
        return events.findById(GlobalId.decode(id, "Event"));
    }

    @QueryMapping
    public Connection<Event> events(@Argument EventFilter filter, PageRequest page) {
        var criteria = EventFilter.criteria(filter);
        return events.page(criteria, page);
    }

    @SchemaMapping
    public String id(Event event) {
        return GlobalId.encode("Event", event.id());
    }

    @BatchMapping
    @Preloadable(by = "StatementPreloader, below a statement page (with the events of the statements)")
    public Map<Event, List<EventParticipant>> participants(List<Event> list) {
        return Batch.lists(list, Event::id, events::participantsOfEvents);
    }

    @BatchMapping
    public Map<Event, Event> parent(List<Event> list) {
        return Batch.pick(list, Event::parentId, events::findByIds);
    }

    @BatchMapping
    public Map<Event, List<Event>> subEvents(List<Event> list) {
        return Batch.lists(list, Event::id, events::subEventsOf);
    }

    @BatchMapping
    public Map<Event, List<EventRelation>> relatedEvents(List<Event> list) {
        return Batch.lists(list, Event::id, events::relationsOf);
    }

    /** The participations of actors (links in {@code event_participants}), newest event first. */
    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<Connection<EventParticipant>> participations(
            Actor actor, @Argument ParticipantRole role, PageRequest page, DataFetchingEnvironment env) {
        return participationsOfActors.load(env, actor.id(), role, page);
    }

    @BatchMapping(typeName = "EventParticipant")
    @Preloadable(by = "StatementPreloader, below a statement page (with the events' participants)")
    public Map<EventParticipant, Actor> actor(List<EventParticipant> list) {
        return Batch.pick(list, EventParticipant::actorId, actors::findByIds);
    }

    @BatchMapping(typeName = "EventParticipant")
    public Map<EventParticipant, Actor> represents(List<EventParticipant> list) {
        return Batch.pick(list, EventParticipant::representsId, actors::findByIds);
    }

    @BatchMapping(typeName = "EventParticipant", field = "event")
    public Map<EventParticipant, Event> participantEvent(List<EventParticipant> list) {
        return Batch.pick(list, EventParticipant::eventId, events::findByIds);
    }

    @BatchMapping(typeName = "EventRelation", field = "event")
    public Map<EventRelation, Event> relatedEvent(List<EventRelation> list) {
        return Batch.pick(list, EventRelation::relatedEventId, events::findByIds);
    }
}
