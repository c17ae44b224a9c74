package org.newsgraph.analytics;

import java.util.List;
import java.util.Set;

/**
 * The GraphQL type {@code NetworkEdge}: from actor {@code ownerId} to {@code actorId}, with the kinds of
 * link that were asked for (its evidence is looked up for those kinds only).
 */
public record NetworkEdge(long ownerId, long actorId, int weight, List<LinkWeight> links, Set<NetworkLink> via) {

    /** The GraphQL type {@code NetworkLinkWeight}. */
    public record LinkWeight(NetworkLink via, int weight) {}
}
