package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.Statement;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code StatementGroup}: its key objects and its statements, batched. */
@Controller
public class StatementGroupController {

    private final ActorRepository actors;
    private final EventRepository events;

    public StatementGroupController(ActorRepository actors, EventRepository events) {
        this.actors = actors;
        this.events = events;
    }

    @BatchMapping
    public Map<StatementGroup, Actor> speaker(List<StatementGroup> groups) {
        return Batch.pick(groups, StatementGroup::speakerId, actors::findByIds);
    }

    @BatchMapping
    public Map<StatementGroup, Actor> publisher(List<StatementGroup> groups) {
        return Batch.pick(groups, StatementGroup::publisherId, actors::findByIds);
    }

    @BatchMapping
    public Map<StatementGroup, Event> event(List<StatementGroup> groups) {
        return Batch.pick(groups, StatementGroup::eventId, events::findByIds);
    }

    @SchemaMapping
    public CompletableFuture<Connection<Statement>> statements(
            StatementGroup group, PageRequest page, DataFetchingEnvironment env) {
        return AnalyticsLoaders.load(
                env,
                AnalyticsLoaders.GROUP_STATEMENTS,
                new AnalyticsLoaders.GroupStatementsKey(group, page, page.counts()));
    }
}
