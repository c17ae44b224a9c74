package org.newsgraph.event;

import java.time.LocalDate;
import org.newsgraph.date.DatePrecision;

/** A row of {@code event_status_changes}: the GraphQL type {@code EventStatusChange}. */
public record EventStatusChange(
        long id, long eventId, EventStatus status, LocalDate on, DatePrecision onPrecision, String note) {}
