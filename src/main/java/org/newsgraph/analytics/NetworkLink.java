package org.newsgraph.analytics;

/** The GraphQL enum {@code NetworkLink}: a kind of link between two actors. */
public enum NetworkLink {
    CO_PARTICIPANT,
    QUOTED_ON_SAME_EVENT,
    RELAYED,
    MENTIONED
}
