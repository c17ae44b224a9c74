package org.newsgraph.statement;

import java.time.LocalDate;
import org.newsgraph.date.DatePrecision;

/** A row of {@code statements}: the GraphQL type {@code Statement}. */
public record Statement(
        long id,
        long articleId,
        long speakerId,
        int position,
        StatementKind kind,
        String text,
        String cue,
        String channel,
        LocalDate saidOn,
        DatePrecision saidOnPrecision) {}
