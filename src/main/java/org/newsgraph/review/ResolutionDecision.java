package org.newsgraph.review;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A row of {@code resolution_decisions}: a pair the resolution engine scored and kept, a merge it made
 * (MERGED) or a candidate for a curator (CANDIDATE). GraphQL type {@code ResolutionDecision}.
 */
public record ResolutionDecision(
        long id,
        String entity,
        String outcome,
        String status,
        double score,
        List<Feature> features,
        String mention,
        String ref,
        Long articleId,
        Long actorId,
        Long otherActorId,
        Long eventId,
        Long otherEventId,
        OffsetDateTime createdAt,
        OffsetDateTime decidedAt) {

    /** One feature of the pair's score. */
    public record Feature(String name, double weight, String detail) {}
}
