package org.newsgraph.actor;

import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/actor.graphqls} declares: the GraphQL types {@code Actor} and {@code Affiliation}
 * and their entry points on {@code Query}. The fields of {@code Actor} that other features' link tables hold
 * ({@code statements}, {@code mentionedIn}, {@code participations}, {@code articles}) are declared and served
 * by those features.
 */
@Controller
public class ActorController {

    private final ActorRepository actors;

    public ActorController(ActorRepository actors) {
        this.actors = actors;
    }

    @QueryMapping
    public Actor actor(@Argument String id) {
        return actors.findById(GlobalId.decode(id, "Actor"));
    }

    @QueryMapping
    public Connection<Actor> actors(@Argument ActorFilter filter, PageRequest page) {
        return actors.page(filter, page);
    }

    @SchemaMapping
    public String id(Actor actor) {
        return GlobalId.encode("Actor", actor.id());
    }

    @BatchMapping
    public Map<Actor, List<String>> aliases(List<Actor> list) {
        return Batch.lists(list, Actor::id, actors::aliases);
    }

    @BatchMapping
    public Map<Actor, List<Affiliation>> affiliations(List<Actor> list) {
        return Batch.lists(list, Actor::id, actors::affiliations);
    }

    @BatchMapping(typeName = "Affiliation")
    public Map<Affiliation, Actor> organization(List<Affiliation> list) {
        return Batch.pick(list, Affiliation::organizationId, actors::findByIds);
    }
}
