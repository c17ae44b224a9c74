package org.newsgraph.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.newsgraph.date.DatePrecision;

/** A row of {@code events}: the GraphQL type {@code Event}. */
public record Event(
        long id,
        EventKind kind,
        String title,
        String description,
        EventStatus status,
        LocalDate startsOn,
        DatePrecision startsOnPrecision,
        LocalDate endsOn,
        DatePrecision endsOnPrecision,
        String location,
        Long parentId,
        String externalKey,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt) {}
