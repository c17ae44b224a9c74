package org.newsgraph.analytics;

import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventStatus;

/** The GraphQL type {@code EventGroup}: a group of {@code eventStats}. */
public record EventGroup(long count, EventKind kind, EventStatus status, Long participantId, Period period) {}
