package org.newsgraph.analytics;

import java.util.List;

/** The GraphQL type {@code ActorPath}: actors from first to last, and the links between them. */
public record ActorPath(List<Long> actorIds, List<Step> steps) {

    /** The GraphQL type {@code PathStep}: a link, with the event or the statement it goes through. */
    public record Step(long from, long to, NetworkLink via, Long eventId, Long statementId) {

        Step reversed() {
            return new Step(to, from, via, eventId, statementId);
        }
    }
}
