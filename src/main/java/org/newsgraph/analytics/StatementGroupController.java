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
import org.newsgraph.statement.StatementRepository;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code StatementGroup}: its key objects and its statements, batched. */
@Controller
public class StatementGroupController {

    record StatementsKey(StatementGroup group, PageRequest page, boolean counts) {}

    private final ActorRepository actors;
    private final EventRepository events;
    private final FieldLoader<StatementsKey, Connection<Statement>> statements;

    public StatementGroupController(
            BatchLoaderRegistry registry,
            ActorRepository actors,
            EventRepository events,
            StatementRepository statements) {
        this.actors = actors;
        this.events = events;
        var groupStatements = new GroupStatements(statements);
        this.statements = FieldLoader.register(registry, "StatementGroup", "statements", groupStatements::load);
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
        return statements.load(env, new StatementsKey(group, page, page.counts()));
    }
}
