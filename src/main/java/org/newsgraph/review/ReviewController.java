package org.newsgraph.review;

import java.util.List;
import java.util.function.Supplier;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.auth.EditorAccess;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.ingest.IngestProblem;
import org.newsgraph.ingest.InvalidDocumentException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves the review mutations on {@code Mutation} (schema {@code graphql/resolution.graphqls}): confirm or
 * reject a candidate pair, split a merge. Each needs an editor's key; a decision in the wrong state is a payload
 * error, an unknown one a GraphQL error with code NOT_FOUND.
 */
@Controller
public class ReviewController {

    private final EditorAccess access;
    private final ReviewService review;
    private final ActorRepository actors;
    private final EventRepository events;

    public ReviewController(EditorAccess access, ReviewService review, ActorRepository actors, EventRepository events) {
        this.access = access;
        this.review = review;
        this.actors = actors;
        this.events = events;
    }

    public record ResolutionDecisionInput(String decision) {}

    public record ResolutionDecisionPayload(ResolutionDecision decision, List<IngestProblem> errors) {}

    public record SplitMergePayload(
            ResolutionDecision decision, Actor actor, Event event, List<IngestProblem> errors) {}

    @MutationMapping
    public ResolutionDecisionPayload confirmDuplicate(@Argument ResolutionDecisionInput input) {
        access.requireEditor();
        long id = DecisionId.decode(input.decision());
        return payload(() -> review.confirm(id));
    }

    @MutationMapping
    public ResolutionDecisionPayload rejectDuplicate(@Argument ResolutionDecisionInput input) {
        access.requireEditor();
        long id = DecisionId.decode(input.decision());
        return payload(() -> review.reject(id));
    }

    @MutationMapping
    public SplitMergePayload splitMerge(@Argument ResolutionDecisionInput input) {
        access.requireEditor();
        long id = DecisionId.decode(input.decision());
        try {
            var split = review.split(id);
            return new SplitMergePayload(
                    split.decision(),
                    split.actorId() == null
                            ? null
                            : actors.findByIds(List.of(split.actorId())).get(split.actorId()),
                    split.eventId() == null
                            ? null
                            : events.findByIds(List.of(split.eventId())).get(split.eventId()),
                    List.of());
        } catch (ReviewService.NotApplicable e) {
            return new SplitMergePayload(null, null, null, List.of(e.problem()));
        }
    }

    private static ResolutionDecisionPayload payload(Supplier<ResolutionDecision> work) {
        try {
            return new ResolutionDecisionPayload(work.get(), List.of());
        } catch (ReviewService.NotApplicable e) {
            return new ResolutionDecisionPayload(null, List.of(e.problem()));
        } catch (InvalidDocumentException e) {
            return new ResolutionDecisionPayload(null, e.problems());
        }
    }
}
