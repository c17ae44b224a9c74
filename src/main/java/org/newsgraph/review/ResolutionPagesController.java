package org.newsgraph.review;

import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.event.Event;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/resolution-pages.graphqls} adds: the review lists of actors and events as
 * connections ({@code possibleDuplicatesConnection}, {@code mergeEvidenceConnection}), each one SQL statement
 * per level ({@link ConnectionLoader}; the SQL is in {@link DecisionRepository#pendingPages} and
 * {@link DecisionRepository#mergePages}).
 */
@Controller
public class ResolutionPagesController {

    private final ConnectionLoader<Void, ResolutionDecision> pendingOfActors;
    private final ConnectionLoader<Void, ResolutionDecision> mergesIntoActors;
    private final ConnectionLoader<Void, ResolutionDecision> pendingOfEvents;
    private final ConnectionLoader<Void, ResolutionDecision> mergesIntoEvents;

    public ResolutionPagesController(DecisionRepository decisions, BatchLoaderRegistry registry) {
        this.pendingOfActors = ConnectionLoader.register(
                registry,
                "Actor",
                "possibleDuplicatesConnection",
                (ids, none, page) -> decisions.pendingPages("ACTOR", ids, page));
        this.mergesIntoActors = ConnectionLoader.register(
                registry,
                "Actor",
                "mergeEvidenceConnection",
                (ids, none, page) -> decisions.mergePages("ACTOR", ids, page));
        this.pendingOfEvents = ConnectionLoader.register(
                registry,
                "Event",
                "possibleDuplicatesConnection",
                (ids, none, page) -> decisions.pendingPages("EVENT", ids, page));
        this.mergesIntoEvents = ConnectionLoader.register(
                registry,
                "Event",
                "mergeEvidenceConnection",
                (ids, none, page) -> decisions.mergePages("EVENT", ids, page));
    }

    @SchemaMapping(typeName = "Actor", field = "possibleDuplicatesConnection")
    public CompletableFuture<Connection<ResolutionDecision>> actorPossibleDuplicates(
            Actor actor, PageRequest page, DataFetchingEnvironment env) {
        return pendingOfActors.load(env, actor.id(), null, page);
    }

    @SchemaMapping(typeName = "Actor", field = "mergeEvidenceConnection")
    public CompletableFuture<Connection<ResolutionDecision>> actorMergeEvidence(
            Actor actor, PageRequest page, DataFetchingEnvironment env) {
        return mergesIntoActors.load(env, actor.id(), null, page);
    }

    @SchemaMapping(typeName = "Event", field = "possibleDuplicatesConnection")
    public CompletableFuture<Connection<ResolutionDecision>> eventPossibleDuplicates(
            Event event, PageRequest page, DataFetchingEnvironment env) {
        return pendingOfEvents.load(env, event.id(), null, page);
    }

    @SchemaMapping(typeName = "Event", field = "mergeEvidenceConnection")
    public CompletableFuture<Connection<ResolutionDecision>> eventMergeEvidence(
            Event event, PageRequest page, DataFetchingEnvironment env) {
        return mergesIntoEvents.load(env, event.id(), null, page);
    }
}
