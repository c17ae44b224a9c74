package org.newsgraph.utterance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.newsgraph.date.DatePrecision;

/** A row of the GraphQL type {@code Utterance}: an utterance with what its reports say about it. */
public record Utterance(
        long id,
        String text,
        long speakerId,
        LocalDate saidOn,
        DatePrecision saidOnPrecision,
        OffsetDateTime firstReportedAt,
        int reportCount) {}
