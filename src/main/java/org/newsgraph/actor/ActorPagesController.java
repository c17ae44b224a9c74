package org.newsgraph.actor;

import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/actor-pages.graphqls} adds: {@code Actor.affiliationsConnection}, one SQL statement
 * per level of actors ({@link ConnectionLoader}).
 */
@Controller
public class ActorPagesController {

    private final ConnectionLoader<Void, Affiliation> affiliationsOfActors;

    public ActorPagesController(ActorRepository actors, BatchLoaderRegistry registry) {
        this.affiliationsOfActors = ConnectionLoader.register(
                registry, "Actor", "affiliationsConnection", (ids, none, page) -> actors.affiliationPages(ids, page));
    }

    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<Connection<Affiliation>> affiliationsConnection(
            Actor actor, PageRequest page, DataFetchingEnvironment env) {
        return affiliationsOfActors.load(env, actor.id(), null, page);
    }
}
