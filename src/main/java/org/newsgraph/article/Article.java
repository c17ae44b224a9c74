package org.newsgraph.article;

import java.time.OffsetDateTime;

/** A row of {@code articles} (without the body): the GraphQL type {@code Article}. */
public record Article(
        long id,
        String url,
        String title,
        Long publisherId,
        OffsetDateTime publishedAt,
        String language,
        String summary) {}
