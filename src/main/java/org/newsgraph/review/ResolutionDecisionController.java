package org.newsgraph.review;

import java.util.List;
import java.util.Map;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.Article;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves the GraphQL type {@code ResolutionDecision} (schema {@code graphql/resolution.graphqls}), the review
 * queue on {@code Query}, and {@code possibleDuplicates} / {@code mergeEvidence} on {@code Actor} and
 * {@code Event} (this package owns {@code resolution_decisions}). Every field that reads rows is batched. Their
 * connections ({@code graphql/resolution-pages.graphqls}) are served by {@link ResolutionPagesController}.
 */
@Controller
public class ResolutionDecisionController {

    private final DecisionRepository decisions;
    private final ActorRepository actors;
    private final EventRepository events;
    private final ArticleRepository articles;

    public ResolutionDecisionController(
            DecisionRepository decisions, ActorRepository actors, EventRepository events, ArticleRepository articles) {
        this.decisions = decisions;
        this.actors = actors;
        this.events = events;
        this.articles = articles;
    }

    @QueryMapping
    public Connection<ResolutionDecision> resolutionQueue(PageRequest page) {
        return decisions.pending(page);
    }

    @SchemaMapping(typeName = "ResolutionDecision")
    public String id(ResolutionDecision decision) {
        return DecisionId.encode(decision.id());
    }

    @BatchMapping(typeName = "ResolutionDecision")
    public Map<ResolutionDecision, Article> article(List<ResolutionDecision> list) {
        return Batch.pick(list, ResolutionDecision::articleId, articles::findByIds);
    }

    @BatchMapping(typeName = "ResolutionDecision")
    public Map<ResolutionDecision, Actor> actor(List<ResolutionDecision> list) {
        return Batch.pick(list, ResolutionDecision::actorId, actors::findByIds);
    }

    @BatchMapping(typeName = "ResolutionDecision")
    public Map<ResolutionDecision, Actor> candidateActor(List<ResolutionDecision> list) {
        return Batch.pick(list, ResolutionDecision::otherActorId, actors::findByIds);
    }

    @BatchMapping(typeName = "ResolutionDecision")
    public Map<ResolutionDecision, Event> event(List<ResolutionDecision> list) {
        return Batch.pick(list, ResolutionDecision::eventId, events::findByIds);
    }

    @BatchMapping(typeName = "ResolutionDecision")
    public Map<ResolutionDecision, Event> candidateEvent(List<ResolutionDecision> list) {
        return Batch.pick(list, ResolutionDecision::otherEventId, events::findByIds);
    }

    @BatchMapping(typeName = "Actor", field = "possibleDuplicates")
    public Map<Actor, List<ResolutionDecision>> actorPossibleDuplicates(List<Actor> list) {
        return Batch.lists(list, Actor::id, ids -> decisions.pendingFor("ACTOR", ids));
    }

    @BatchMapping(typeName = "Actor", field = "mergeEvidence")
    public Map<Actor, List<ResolutionDecision>> actorMergeEvidence(List<Actor> list) {
        return Batch.lists(list, Actor::id, ids -> decisions.mergesInto("ACTOR", ids));
    }

    @BatchMapping(typeName = "Event", field = "possibleDuplicates")
    public Map<Event, List<ResolutionDecision>> eventPossibleDuplicates(List<Event> list) {
        return Batch.lists(list, Event::id, ids -> decisions.pendingFor("EVENT", ids));
    }

    @BatchMapping(typeName = "Event", field = "mergeEvidence")
    public Map<Event, List<ResolutionDecision>> eventMergeEvidence(List<Event> list) {
        return Batch.lists(list, Event::id, ids -> decisions.mergesInto("EVENT", ids));
    }
}
