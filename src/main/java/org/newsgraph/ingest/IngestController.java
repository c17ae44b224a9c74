package org.newsgraph.ingest;

import graphql.GraphQLContext;
import java.util.List;
import java.util.Map;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.Article;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.auth.EditorAccess;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.date.DateScalars;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.DatabaseFailures;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventRepository;
import org.newsgraph.event.EventStatus;
import org.newsgraph.relay.GlobalId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves the GraphQL type {@code Mutation} (schema {@code graphql/ingest.graphqls}). Every mutation first
 * checks for an editor's key; input problems come back in the payload's {@code errors}.
 */
@Controller
public class IngestController {

    private static final Logger log = LoggerFactory.getLogger(IngestController.class);

    private final EditorAccess access;
    private final IngestService ingest;
    private final CurationService curation;
    private final ActorCorrections actorCorrections;
    private final EventCorrections eventCorrections;
    private final ArticleRepository articles;
    private final ActorRepository actors;
    private final EventRepository events;

    public IngestController(
            EditorAccess access,
            IngestService ingest,
            CurationService curation,
            ActorCorrections actorCorrections,
            EventCorrections eventCorrections,
            ArticleRepository articles,
            ActorRepository actors,
            EventRepository events) {
        this.access = access;
        this.ingest = ingest;
        this.curation = curation;
        this.actorCorrections = actorCorrections;
        this.eventCorrections = eventCorrections;
        this.articles = articles;
        this.actors = actors;
        this.events = events;
    }

    /**
     * @param readFailure set when the write committed but reading its result back failed: {@code article}
     *        then answers this error, while {@code articleId} and {@code outcome} say what was written
     */
    public record IngestArticlePayload(
            Article article,
            String articleId,
            IngestResult.Outcome outcome,
            List<ActorResolution> actors,
            List<EventResolution> events,
            List<IngestProblem> errors,
            ApiError readFailure) {}

    public record ActorResolution(String ref, IngestResult.Match outcome, Actor actor) {}

    public record EventResolution(String ref, IngestResult.Match outcome, Event event) {}

    @MutationMapping
    public IngestArticlePayload ingestArticle(@Argument ArticleDocument input, GraphQLContext context) {
        access.requireEditor();
        if (input.publishedAtPrecision() == null && DateScalars.wasDateOnly(context, input.publishedAt())) {
            input = input.withPublishedAtPrecision(DatePrecision.DAY); // "publishedAt": "2025-04-22"
        }
        IngestResult result;
        try {
            result = ingest.ingest(input);
        } catch (InvalidDocumentException e) {
            return new IngestArticlePayload(null, null, null, List.of(), List.of(), e.problems(), null);
        }
        String articleId = GlobalId.encode("Article", result.articleId());
        try {
            return readBack(result, articleId);
        } catch (RuntimeException readFailed) {
            // The write committed: say so (outcome and ID), so that the client does not take it for lost.
            var failure = DatabaseFailures.classify(readFailed);
            if (failure == null) throw readFailed;
            var errorId = ApiError.newErrorId();
            log.warn(
                    "Article {} committed ({}), reading it back failed {}: {}",
                    result.articleId(),
                    result.outcome(),
                    errorId,
                    DatabaseFailures.rootMessage(readFailed));
            return new IngestArticlePayload(
                    null,
                    articleId,
                    result.outcome(),
                    List.of(),
                    List.of(),
                    List.of(),
                    ApiError.committedButNotReadBack(errorId, result.outcome().name(), articleId));
        }
    }

    /** {@code IngestArticlePayload.article}: the article, or the error that kept it from being read back. */
    @SchemaMapping(typeName = "IngestArticlePayload")
    public Article article(IngestArticlePayload payload) {
        if (payload.readFailure() != null) throw new ApiException(payload.readFailure());
        return payload.article();
    }

    /** The payload of a committed ingest: two queries for all its actors and events, however many. */
    private IngestArticlePayload readBack(IngestResult result, String articleId) {
        Map<Long, Actor> actorRows = actors.findByIds(
                result.actors().stream().map(IngestResult.Resolution::id).toList());
        Map<Long, Event> eventRows = events.findByIds(
                result.events().stream().map(IngestResult.Resolution::id).toList());
        return new IngestArticlePayload(
                articles.findByIds(List.of(result.articleId())).get(result.articleId()),
                articleId,
                result.outcome(),
                result.actors().stream()
                        .map(r -> new ActorResolution(r.ref(), r.match(), actorRows.get(r.id())))
                        .toList(),
                result.events().stream()
                        .map(r -> new EventResolution(r.ref(), r.match(), eventRows.get(r.id())))
                        .toList(),
                List.of(),
                null);
    }

    public record UpsertActorInput(
            String id, ActorKind kind, String name, List<String> aliases, String description, String wikidataId) {}

    public record UpsertActorPayload(
            Actor actor, IngestResult.Match outcome, boolean changed, List<IngestProblem> errors) {}

    @MutationMapping
    public UpsertActorPayload upsertActor(@Argument UpsertActorInput input) {
        access.requireEditor();
        var id = GlobalId.decodeOptional(input.id(), "Actor");
        try {
            var result = actorCorrections.upsertActor(new ActorCorrections.ActorInput(
                    id, input.kind(), input.name(), input.aliases(), input.description(), input.wikidataId()));
            return new UpsertActorPayload(
                    actors.findByIds(List.of(result.id())).get(result.id()),
                    result.match(),
                    result.changed(),
                    List.of());
        } catch (InvalidDocumentException e) {
            return new UpsertActorPayload(null, null, false, e.problems());
        }
    }

    public record UpdateEventInput(
            String id,
            EventKind kind,
            String title,
            String description,
            EventStatus status,
            java.time.LocalDate startsOn,
            DatePrecision startsOnPrecision,
            java.time.LocalDate endsOn,
            DatePrecision endsOnPrecision,
            String location,
            String externalKey) {}

    public record UpdateEventPayload(Event event, boolean changed, List<IngestProblem> errors) {}

    @MutationMapping
    public UpdateEventPayload updateEvent(@Argument UpdateEventInput input) {
        access.requireEditor();
        long id = GlobalId.decode(input.id(), "Event");
        try {
            boolean changed = eventCorrections.updateEvent(new EventCorrections.EventInput(
                    id,
                    input.kind(),
                    input.title(),
                    input.description(),
                    input.status(),
                    input.startsOn(),
                    input.startsOnPrecision(),
                    input.endsOn(),
                    input.endsOnPrecision(),
                    input.location(),
                    input.externalKey()));
            return new UpdateEventPayload(events.findByIds(List.of(id)).get(id), changed, List.of());
        } catch (InvalidDocumentException e) {
            return new UpdateEventPayload(null, false, e.problems());
        }
    }

    public record MergeActorsInput(String keep, String merge) {}

    public record MergeActorsPayload(Actor actor, String mergedId, List<IngestProblem> errors) {}

    @MutationMapping
    public MergeActorsPayload mergeActors(@Argument MergeActorsInput input) {
        access.requireEditor();
        long keep = GlobalId.decode(input.keep(), "Actor");
        long merge = GlobalId.decode(input.merge(), "Actor");
        try {
            curation.mergeActors(keep, merge);
        } catch (InvalidDocumentException e) {
            return new MergeActorsPayload(null, null, e.problems());
        }
        return new MergeActorsPayload(
                actors.findByIds(List.of(keep)).get(keep), GlobalId.encode("Actor", merge), List.of());
    }

    public record DeleteArticleInput(String id) {}

    public record DeleteArticlePayload(String deletedId, List<IngestProblem> errors) {}

    @MutationMapping
    public DeleteArticlePayload deleteArticle(@Argument DeleteArticleInput input) {
        access.requireEditor();
        long id = GlobalId.decode(input.id(), "Article");
        if (!curation.deleteArticle(id)) {
            return new DeleteArticlePayload(
                    null, List.of(new IngestProblem("id", ErrorCode.NOT_FOUND, "no article has this ID")));
        }
        return new DeleteArticlePayload(input.id(), List.of());
    }
}
