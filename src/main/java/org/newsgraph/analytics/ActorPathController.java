package org.newsgraph.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementRepository;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL types {@code ActorPath} and {@code PathStep}: their actors, events and statements, batched. */
@Controller
public class ActorPathController {

    private final ActorRepository actors;
    private final EventRepository events;
    private final StatementRepository statements;

    public ActorPathController(ActorRepository actors, EventRepository events, StatementRepository statements) {
        this.actors = actors;
        this.events = events;
        this.statements = statements;
    }

    @BatchMapping(typeName = "ActorPath")
    public Map<ActorPath, List<Actor>> actors(List<ActorPath> paths) {
        var found = actors.findByIds(paths.stream()
                .flatMap(path -> path.actorIds().stream())
                .distinct()
                .toList());
        var result = new LinkedHashMap<ActorPath, List<Actor>>();
        paths.forEach(path -> result.put(
                path,
                path.actorIds().stream()
                        .map(found::get)
                        .filter(Objects::nonNull)
                        .toList()));
        return result;
    }

    @BatchMapping(typeName = "PathStep")
    public Map<ActorPath.Step, Event> event(List<ActorPath.Step> steps) {
        return Batch.pick(steps, ActorPath.Step::eventId, events::findByIds);
    }

    @BatchMapping(typeName = "PathStep")
    public Map<ActorPath.Step, Statement> statement(List<ActorPath.Step> steps) {
        return Batch.pick(steps, ActorPath.Step::statementId, statements::findByIds);
    }
}
