package org.newsgraph.analytics;

/** The GraphQL enum {@code DateBucket}: the size of the periods of timelines and date groupings. */
public enum DateBucket {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    /** The field name PostgreSQL's {@code date_trunc} and V140's period functions take. */
    String sql() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
