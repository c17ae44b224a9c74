package org.newsgraph.analytics;

/** The GraphQL enum {@code EventGrouping}; the date buckets are {@link DateBucket}'s names. */
public enum EventGrouping {
    KIND,
    STATUS,
    PARTICIPANT,
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
