package org.newsgraph.analytics;

import java.time.OffsetDateTime;

/** The GraphQL type {@code EventCoverage}: one publisher's reports of an event. */
public record EventCoverage(
        long eventId,
        Long publisherId,
        int articles,
        int statements,
        OffsetDateTime firstPublishedAt,
        OffsetDateTime lastPublishedAt) {}
