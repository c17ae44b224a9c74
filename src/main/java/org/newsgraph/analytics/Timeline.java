package org.newsgraph.analytics;

import java.util.List;

/** The GraphQL type {@code Timeline}; its points are {@code TimelinePoint}s. */
public record Timeline(DateBucket bucket, List<Point> points, int undatedStatements, int undatedArticles) {

    /** The GraphQL type {@code TimelinePoint}. */
    public record Point(Period period, int statements, int articles) {}

    static Timeline empty(DateBucket bucket) {
        return new Timeline(bucket, List.of(), 0, 0);
    }
}
