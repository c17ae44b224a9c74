package org.newsgraph.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.Cursor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL access to {@code change_log} (migration change_log), read in position order, which is commit order. */
@Repository
public class ChangeLog {

    private static final String COLUMNS = "position, kind, entity_id, related_id, changed_at";

    private final JdbcClient jdbc;

    public ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Change map(ResultSet rs, int row) throws SQLException {
        return new Change(
                rs.getLong("position"),
                ChangeKind.valueOf(rs.getString("kind")),
                rs.getLong("entity_id"),
                rs.getObject("related_id", Long.class),
                rs.getObject("changed_at", OffsetDateTime.class));
    }

    /** The last position written so far (0 for none). */
    public long lastPosition() {
        return jdbc.sql("select coalesce(max(position), 0) from change_log")
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} changes after {@code position} and at most {@code upTo}, of the given kinds (all if empty). */
    public List<Change> after(long position, long upTo, Collection<ChangeKind> kinds, int limit) {
        String[] kindNames = kinds.stream().map(Enum::name).toArray(String[]::new);
        return jdbc.sql("select " + COLUMNS + " from change_log where position > ? and position <= ?"
                        + " and (cardinality(?::text[]) = 0 or kind = any(?::text[])) order by position limit ?")
                .params(position, upTo, kindNames, kindNames, limit)
                .query(ChangeLog::map)
                .list();
    }

    /**
     * The position a cursor of {@code changes} or of a subscription stands for.
     *
     * @throws ApiException {@code INVALID_CURSOR} for something else; {@code CURSOR_EXPIRED} when the changes
     *     after it were pruned already (older than the retention window), so that resuming would miss some
     */
    public long positionOf(String cursor, String argument) {
        long position = Cursor.decode(Change.CURSOR_KIND, argument, cursor).id();
        if (position < 0) {
            throw ApiException.badInput(
                    ErrorCode.INVALID_CURSOR,
                    "'" + argument + "' is not a cursor of the change feed; pass one returned by it");
        }
        Long oldest = jdbc.sql("select min(position) from change_log")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (oldest != null && position < oldest - 1) {
            throw ApiException.badInput(
                    ErrorCode.CURSOR_EXPIRED,
                    "The changes after '" + argument + "' are older than the retention window and were pruned;"
                            + " read the current state with queries and follow from now on (no '" + argument
                            + "')");
        }
        return position;
    }

    /**
     * Deletes the changes older than {@code retention}, keeping the last one always (the next position
     * follows from it).
     *
     * @return how many were deleted
     */
    public int prune(Duration retention) {
        return jdbc.sql("delete from change_log where changed_at < now() - ? * interval '1 second'"
                        + " and position < (select max(position) from change_log)")
                .param(retention.toSeconds())
                .update();
    }
}
