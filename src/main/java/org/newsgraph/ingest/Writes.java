package org.newsgraph.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the statements that complete actors and link events go: executed at once (one article), or
 * collected and sent as JDBC batches (the new articles of an import batch, see {@link BatchedWrites}).
 */
interface Writes {
    void update(String sql, Object... params);

    /** An article's participants: event IDs, actor IDs, roles, represented actor IDs, notes. */
    default void participants(Long[] events, Long[] actors, String[] roles, Long[] represents, String[] notes) {
        // As for affiliations: rows that stay as they are are neither updated nor locked.
        update(EventIngest.PARTICIPANTS, events, actors, roles, represents, notes);
    }

    /** Statements executed at once. */
    static Writes direct(JdbcClient jdbc) {
        return (sql, params) -> jdbc.sql(sql).params(params).update();
    }
}
