package org.newsgraph.actor;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.article.Article;
import org.newsgraph.article.ArticleLoaders;
import org.newsgraph.event.EventLoaders;
import org.newsgraph.event.EventParticipant;
import org.newsgraph.event.ParticipantRole;
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

/** Serves the GraphQL types {@code Actor} and {@code Affiliation} and their entry points on {@code Query}. */
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
    public Connection<Actor> actors(
            @Argument ActorFilter filter,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        var page = PageRequest.of("Actor", first, after, last, before);
        return actors.page(filter, page, ConnectionLoaders.needsCounts(env, page));
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

    @SchemaMapping
    public CompletableFuture<Connection<Statement>> statements(
            Actor actor,
            @Argument StatementFilter filter,
            @Argument StatementOrder orderBy,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return StatementLoaders.load(
                env,
                StatementLoaders.BY_SPEAKER,
                actor.id(),
                StatementFilter.criteria(filter, orderBy, false),
                first,
                after,
                last,
                before);
    }

    @SchemaMapping
    public CompletableFuture<Connection<Statement>> mentionedIn(
            Actor actor,
            @Argument StatementOrder orderBy,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return StatementLoaders.load(
                env,
                StatementLoaders.BY_MENTION,
                actor.id(),
                StatementFilter.criteria(null, orderBy, false),
                first,
                after,
                last,
                before);
    }

    @SchemaMapping
    public CompletableFuture<Connection<EventParticipant>> participations(
            Actor actor,
            @Argument ParticipantRole role,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return ConnectionLoaders.load(
                env,
                EventLoaders.PARTICIPATIONS,
                actor.id(),
                role,
                PageRequest.of("EventParticipant", first, after, last, before));
    }

    @SchemaMapping
    public CompletableFuture<Connection<Article>> articles(
            Actor actor,
            @Argument Integer first,
            @Argument String after,
            @Argument Integer last,
            @Argument String before,
            DataFetchingEnvironment env) {
        return ConnectionLoaders.load(
                env,
                ArticleLoaders.BY_CONTRIBUTOR,
                actor.id(),
                null,
                PageRequest.of("Article", first, after, last, before));
    }
}
