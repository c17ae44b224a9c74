package org.newsgraph.actor;

/** A row of {@code actors}: the GraphQL type {@code Actor}. */
public record Actor(long id, ActorKind kind, String name, String description, String wikidataId) {}
