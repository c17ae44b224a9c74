package org.newsgraph.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Cursor;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One grouped count in SQL: {@code select <key columns>, <count> ... group by <key columns>}, paged largest
 * group first, ties by the key columns. Cursors carry the count and the key values (a keyset over
 * {@code (count desc, keys asc)}), so a page never repeats or skips groups of a stable result.
 *
 * <p>Why not {@code relay.KeysetQuery}, which every other connection uses: a group has no row id (a keyset's
 * last key there), its order mixes directions (count descending, keys ascending, where a keyset runs all one
 * way), its keys may be null (ordered by a sentinel), and groups page forwards only. Folding these into the
 * shared keyset would make it harder to read for the one caller that needs them.
 */
final class GroupQuery {

    /** The SQL type of a key column; nulls are ordered as the sentinel (ids are positive). */
    enum KeyType {
        BIGINT("bigint", "-1"),
        TEXT("text", "''"),
        DATE("date", "'-infinity'::date");

        final String sqlType;
        final String sentinel;

        KeyType(String sqlType, String sentinel) {
            this.sqlType = sqlType;
            this.sentinel = sentinel;
        }
    }

    /** A key column: its SQL expression, its type, and the name it is read back by. */
    record Key(String name, String expression, KeyType type) {}

    /** A group as read: its count and key values by name (Long, String or LocalDate; null when null). */
    record Row(long count, java.util.Map<String, Object> values) {}

    private final String cursorKind;
    private final List<Key> keys = new ArrayList<>();
    private String from;
    private String count = "count(*)";
    private boolean grouped = true;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    GroupQuery(String cursorKind) {
        this.cursorKind = cursorKind;
    }

    GroupQuery key(String name, String expression, KeyType type) {
        keys.add(new Key(name, expression, type));
        return this;
    }

    GroupQuery from(String from) {
        this.from = from;
        return this;
    }

    /** The count expression; {@code grouped} false when each row of FROM is a group already (a rollup). */
    GroupQuery count(String count, boolean grouped) {
        this.count = count;
        this.grouped = grouped;
        return this;
    }

    GroupQuery where(String condition, List<Object> conditionParams) {
        conditions.add(condition);
        params.addAll(conditionParams);
        return this;
    }

    private String groupsSql() {
        var sql = new StringBuilder("select ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(keys.get(i).expression()).append(" as g").append(i).append(", ");
        }
        sql.append(count).append(" as n from ").append(from);
        if (!conditions.isEmpty()) {
            sql.append(" where ").append(String.join(" and ", conditions));
        }
        if (grouped && !keys.isEmpty()) {
            sql.append(" group by ");
            for (int i = 0; i < keys.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(i + 1);
            }
        }
        return sql.toString();
    }

    private String orderedKeys() {
        var sql = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sql.append(", coalesce(g")
                    .append(i)
                    .append(", ")
                    .append(keys.get(i).type().sentinel)
                    .append(')');
        }
        return sql.toString();
    }

    /** The page of groups, and their number when {@code counts}. */
    Connection<Row> fetch(JdbcClient jdbc, PageRequest page, boolean counts) {
        if (page.backward() || page.before() != null) {
            throw ApiException.badInput(ErrorCode.INVALID_PAGE_SIZE, "Groups page forwards only: give first and after");
        }
        var sql = new StringBuilder("select * from (").append(groupsSql()).append(") g");
        var all = new ArrayList<Object>(params);
        Cursor after = page.after();
        if (after != null) {
            String[] values = decode(after);
            all.add(after.id());
            if (keys.isEmpty()) {
                sql.append(" where g.n < ?"); // the one group: nothing after it
            } else {
                all.add(after.id());
                var left = new StringBuilder();
                var right = new StringBuilder();
                for (int i = 0; i < keys.size(); i++) {
                    var type = keys.get(i).type();
                    left.append(i == 0 ? "" : ", ")
                            .append("coalesce(g")
                            .append(i)
                            .append(", ")
                            .append(type.sentinel)
                            .append(')');
                    right.append(i == 0 ? "" : ", ")
                            .append("cast(? as ")
                            .append(type.sqlType)
                            .append(')');
                    all.add(values[i]);
                }
                sql.append(" where (g.n < ? or (g.n = ? and (")
                        .append(left)
                        .append(") > (")
                        .append(right)
                        .append(")))");
            }
        }
        // The limit is written into the SQL (an int, not user text): with a parameter, PostgreSQL's generic
        // plan of a prepared statement cannot know it is small and sorts every group instead of reading the
        // first ones from an index (analytics_speaker_months_count).
        sql.append(" order by g.n desc").append(orderedKeys()).append(" limit ").append(page.size() + 1);
        var rows = new ArrayList<Connection.Edge<Row>>();
        jdbc.sql(sql.toString()).params(all).query(rs -> {
            var values = new java.util.HashMap<String, Object>();
            var cursorKey = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                var key = keys.get(i);
                Object value = switch (key.type()) {
                    case BIGINT -> rs.getObject("g" + i, Long.class);
                    case TEXT -> rs.getString("g" + i);
                    case DATE -> rs.getObject("g" + i, LocalDate.class);
                };
                values.put(key.name(), value);
                cursorKey
                        .append(i == 0 ? "" : "\t")
                        .append(value == null ? sentinelText(key.type()) : value.toString());
            }
            long n = rs.getLong("n");
            rows.add(new Connection.Edge<>(Cursor.encode(cursorKind, n, cursorKey.toString()), new Row(n, values)));
        });
        boolean more = rows.size() > page.size();
        var edges = List.copyOf(more ? rows.subList(0, page.size()) : rows);
        Long total = null;
        if (counts) {
            total = jdbc.sql("select count(*) from (" + groupsSql() + ") g")
                    .params(params)
                    .query(Long.class)
                    .single();
        }
        var info = new Connection.PageInfo(
                more,
                after != null,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new Connection<>(edges, info, total);
    }

    private static String sentinelText(KeyType type) {
        return switch (type) {
            case BIGINT -> "-1";
            case TEXT -> "";
            case DATE -> "-infinity";
        };
    }

    /** The key values of a cursor, checked against the key types (a damaged cursor is a client error). */
    private String[] decode(Cursor cursor) {
        String[] values = cursor.key().split("\t", -1);
        if (values.length != Math.max(keys.size(), 1)) {
            throw damaged(cursor);
        }
        try {
            for (int i = 0; i < keys.size(); i++) {
                switch (keys.get(i).type()) {
                    case BIGINT -> Long.parseLong(values[i]);
                    case DATE -> {
                        if (!values[i].equals("-infinity")) LocalDate.parse(values[i]);
                    }
                    case TEXT -> {
                        if (values[i].indexOf('\0') >= 0) throw new IllegalArgumentException("NUL");
                    }
                }
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw damaged(cursor);
        }
        return values;
    }

    private static ApiException damaged(Cursor cursor) {
        return ApiException.badInput(
                ErrorCode.INVALID_CURSOR,
                "The cursor '" + cursor.encode() + "' is damaged; pass a cursor returned by the same field");
    }
}
