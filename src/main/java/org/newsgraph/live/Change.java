package org.newsgraph.live;

import java.time.OffsetDateTime;
import org.newsgraph.relay.Cursor;

/**
 * A row of {@code change_log}: the GraphQL type {@code Change}. {@code position} is its place in commit
 * order; {@code relatedId} is the article of an added statement or the actor kept by a merge.
 */
public record Change(long position, ChangeKind kind, long entityId, Long relatedId, OffsetDateTime changedAt) {

    /** The kind of cursor that {@code changes} and the subscriptions issue and take. */
    static final String CURSOR_KIND = "Change";

    String cursor() {
        return cursor(position);
    }

    static String cursor(long position) {
        return Cursor.encode(CURSOR_KIND, position, "");
    }
}
