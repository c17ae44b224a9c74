package org.newsgraph.analytics;

/** The GraphQL enum {@code StatementGrouping}; the date buckets are {@link DateBucket}'s names. */
public enum StatementGrouping {
    SPEAKER,
    KIND,
    PUBLISHER,
    EVENT,
    DAY,
    WEEK,
    MONTH,
    YEAR;

    /** The date bucket this dimension is, or null. */
    DateBucket bucket() {
        for (DateBucket bucket : DateBucket.values()) {
            if (bucket.name().equals(name())) {
                return bucket;
            }
        }
        return null;
    }
}
