package org.newsgraph.actor;

/** The GraphQL input {@code ActorFilter}. */
public record ActorFilter(String search, ActorKind kind) {}
