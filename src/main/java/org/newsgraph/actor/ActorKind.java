package org.newsgraph.actor;

/** What kind of actor speaks or takes part: the {@code actors.kind} column and the GraphQL enum {@code ActorKind}. */
public enum ActorKind {
    PERSON,
    ORGANIZATION,
    GOVERNMENT_BODY,
    MINISTRY,
    MEDIA_OUTLET,
    NEWS_AGENCY,
    COUNTRY,
    GROUP,
    UNNAMED_SOURCE
}
