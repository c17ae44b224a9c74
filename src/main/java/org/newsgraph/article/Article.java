package org.newsgraph.article;

import java.time.OffsetDateTime;
import org.newsgraph.date.DatePrecision;

/** A row of {@code articles} (without the body): the GraphQL type {@code Article}. */
public record Article(
        long id,
        String url,
        String title,
        Long publisherId,
        OffsetDateTime publishedAt,
        String language,
        String summary,
        DatePrecision publishedAtPrecision) {}
