package org.newsgraph.event;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.Article;
import org.newsgraph.article.ArticleLoaders;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoaders;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementLoaders;
import org.newsgraph.statement.StatementOrder;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves the GraphQL types {@code Event}, {@code EventParticipant} and {@code EventRelation}, and the event
 * entry points on {@code Query}.
 */
@Controller
public class EventController {

    private final EventRepository events;
    private final ActorRepository actors;

    public EventController(EventRepository events, ActorRepository actors) {
        this.events = events;
        this.actors = actors;
    }

    @QueryMapping
    public Event event(@Argument String id, @Argument String externalKey) {
        if ((id == null) == (externalKey == null)) {
            throw org.newsgraph.error.ApiException.badInput(
                    "INVALID_ARGUMENTS", "give the event's id or its externalKey, one of them");
        }
        return id != null ? events.findById(GlobalId.decode(id, "Event")) : events.findByExternalKey(externalKey);
    }

    @QueryMapping
    public Connection<Event> events(
            @Argument EventFilter filter,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        var criteria = EventFilter.criteria(filter);
        var page = PageRequest.of("Event", first, after, last, before);
        return events.page(criteria, page, ConnectionLoaders.needsCounts(env, page));
    }

    @SchemaMapping
    public String id(Event event) {
        return GlobalId.encode("Event", event.id());
    }

    @BatchMapping
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

    @SchemaMapping
    public CompletableFuture<Connection<Statement>> statements(
            Event event,
            @Argument StatementFilter filter,
            @Argument StatementOrder orderBy,
            @Argument Boolean includeSubEvents,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return StatementLoaders.load(
                env,
                StatementLoaders.BY_EVENT,
                event.id(),
                StatementFilter.criteria(filter, orderBy, Boolean.TRUE.equals(includeSubEvents)),
                first,
                after,
                last,
                before);
    }

    @SchemaMapping
    public CompletableFuture<Connection<Article>> articles(
            Event event,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return ConnectionLoaders.load(
                env, ArticleLoaders.BY_EVENT, event.id(), null, PageRequest.of("Article", first, after, last, before));
    }

    @BatchMapping(typeName = "EventParticipant")
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
