package org.newsgraph.relay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.error.ApiException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a connection for many parents in ONE SQL statement: the parent ids are unnested and each
 * parent's page is a {@code LATERAL} subquery ordered by a keyset {@code (sort key, id)} with a
 * {@code limit}; cursors are compared with a row comparison, so an index on the sort key serves every
 * page. Counts (for {@code totalCount} and {@code hasPreviousPage}/{@code hasNextPage} across cursors)
 * are a second lateral aggregate in the same statement, only when asked for.
 *
 * <p>Top-level connections use the same code with a single pseudo-parent whose id the conditions ignore.
 * The FROM clause and conditions may refer to the parent id as {@code p.id}. The select list must not
 * produce columns named {@code keyset_parent_id}, {@code cursor_id}, {@code cursor_key} or {@code *_count}.
 */
public final class KeysetQuery<T> {

    /** The SQL type of a sort key; each key is non-null (use coalesce to '-infinity' for nullable columns). */
    public enum KeyType {
        DATE("date"),
        TIMESTAMP("timestamptz"),
        TEXT("text"),
        DOUBLE("float8");

        final String sqlType;

        KeyType(String sqlType) {
            this.sqlType = sqlType;
        }
    }

    /**
     * Which rows a connection lists for a parent: the FROM clause and the condition that ties a row to the
     * parent {@code p.id}; the condition is null for a top-level connection (see {@link #topLevel}).
     */
    public record Parent(String from, String condition) {

        /** The rows of a connection without parent (a {@code Query} field). */
        public static Parent topLevel(String from) {
            return new Parent(from, null);
        }
    }

    private final String cursorKind;
    private String select;
    private String from;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> conditionParams = new ArrayList<>();
    private String keyExpression;
    private KeyType keyType;
    private String idExpression;
    private boolean descending;
    private RowMapper<T> mapper;

    private KeysetQuery(String cursorKind) {
        this.cursorKind = cursorKind;
    }

    public static <T> KeysetQuery<T> of(String cursorKind) {
        return new KeysetQuery<>(cursorKind);
    }

    public KeysetQuery<T> select(String columns) {
        this.select = columns;
        return this;
    }

    public KeysetQuery<T> from(String from) {
        this.from = from;
        return this;
    }

    /** The FROM clause of the parent's rows, and the condition on {@code p.id} if it has one. */
    public KeysetQuery<T> from(Parent parent) {
        from(parent.from());
        if (parent.condition() != null) {
            where(parent.condition());
        }
        return this;
    }

    public KeysetQuery<T> where(String condition, Object... params) {
        conditions.add(condition);
        Collections.addAll(conditionParams, params);
        return this;
    }

    public KeysetQuery<T> orderBy(String keyExpression, KeyType keyType, String idExpression, boolean descending) {
        this.keyExpression = keyExpression;
        this.keyType = keyType;
        this.idExpression = idExpression;
        this.descending = descending;
        return this;
    }

    public KeysetQuery<T> map(RowMapper<T> mapper) {
        this.mapper = mapper;
        return this;
    }

    /** The page of one connection without parent (a {@code Query} field). */
    public Connection<T> fetchOne(JdbcClient jdbc, PageRequest page, boolean counts) {
        return fetch(jdbc, List.of(0L), page, counts).get(0L);
    }

    /**
     * The page of every parent, in one statement.
     *
     * @param counts whether to count (totalCount, and rows before/after the cursors for pageInfo)
     * @return a connection for every parent id, empty when the parent has no rows
     */
    public Map<Long, Connection<T>> fetch(
            JdbcClient jdbc, Collection<Long> parentIds, PageRequest page, boolean counts) {
        validate(page.after());
        validate(page.before());
        String rowKey = "(" + keyExpression + ", " + idExpression + ")";
        String cast = "(cast(? as " + keyType.sqlType + "), ?)";
        // "Later in the list" is smaller for a descending order.
        String later = descending ? "<" : ">";
        String earlier = descending ? ">" : "<";
        String where = conditions.isEmpty() ? "true" : String.join(" and ", conditions);

        var sql = new StringBuilder("select p.id as keyset_parent_id");
        var params = new ArrayList<Object>();
        params.add(Batch.array(parentIds));
        if (counts) {
            sql.append(", c.*");
        }
        sql.append(", r.* from unnest(?::bigint[]) as p(id)");
        if (counts) {
            sql.append(" cross join lateral (select count(*) as total_count");
            if (page.after() != null) {
                sql.append(", count(*) filter (where ")
                        .append(rowKey)
                        .append(' ')
                        .append(earlier)
                        .append("= ")
                        .append(cast)
                        .append(") as before_count");
                params.add(page.after().key());
                params.add(page.after().id());
            }
            if (page.before() != null) {
                sql.append(", count(*) filter (where ")
                        .append(rowKey)
                        .append(' ')
                        .append(later)
                        .append("= ")
                        .append(cast)
                        .append(") as after_count");
                params.add(page.before().key());
                params.add(page.before().id());
            }
            sql.append(" from ").append(from).append(" where ").append(where).append(") c");
            params.addAll(conditionParams);
        }
        sql.append(" left join lateral (select ")
                .append(select)
                .append(", ")
                .append(idExpression)
                .append(" as cursor_id, ")
                .append(keyText())
                .append(" as cursor_key from ")
                .append(from)
                .append(" where ")
                .append(where);
        params.addAll(conditionParams);
        if (page.after() != null) {
            sql.append(" and ")
                    .append(rowKey)
                    .append(' ')
                    .append(later)
                    .append(' ')
                    .append(cast);
            params.add(page.after().key());
            params.add(page.after().id());
        }
        if (page.before() != null) {
            sql.append(" and ")
                    .append(rowKey)
                    .append(' ')
                    .append(earlier)
                    .append(' ')
                    .append(cast);
            params.add(page.before().key());
            params.add(page.before().id());
        }
        String direction = descending != page.backward() ? " desc" : " asc";
        sql.append(" order by ")
                .append(keyExpression)
                .append(direction)
                .append(", ")
                .append(idExpression)
                .append(direction)
                .append(" limit ?) r on true");
        params.add(page.size() + 1);

        var rows = new LinkedHashMap<Long, PageRows<T>>();
        for (Long parentId : parentIds) {
            rows.put(parentId, new PageRows<>());
        }
        jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    var parentRows = rows.get(rs.getLong("keyset_parent_id"));
                    if (counts) {
                        parentRows.total = rs.getLong("total_count");
                        parentRows.before = page.after() != null ? rs.getLong("before_count") : 0;
                        parentRows.after = page.before() != null ? rs.getLong("after_count") : 0;
                    }
                    rs.getLong("cursor_id");
                    if (!rs.wasNull()) {
                        parentRows.edges.add(new Connection.Edge<>(
                                Cursor.encode(cursorKind, rs.getLong("cursor_id"), rs.getString("cursor_key")),
                                mapper.mapRow(rs, n)));
                    }
                    return null;
                })
                .list();

        var result = new LinkedHashMap<Long, Connection<T>>();
        rows.forEach((parentId, parentRows) -> result.put(parentId, parentRows.toConnection(page, counts)));
        return result;
    }

    private String keyText() {
        return switch (keyType) {
            case DATE -> "(" + keyExpression + ")::text";
            case TIMESTAMP ->
                "case when " + keyExpression + " = '-infinity' then '-infinity' else to_char(" + keyExpression
                        + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') end";
            case TEXT -> "(" + keyExpression + ")";
            case DOUBLE -> "(" + keyExpression + ")::float8::text";
        };
    }

    /** A cursor's key goes into a SQL cast: refuse what the cast would choke on, as a client error. */
    private void validate(Cursor cursor) {
        if (cursor == null) {
            return;
        }
        String key = cursor.key();
        try {
            switch (keyType) {
                case DATE -> {
                    if (!key.equals("-infinity")) {
                        LocalDate.parse(key);
                    }
                }
                case TIMESTAMP -> {
                    if (!key.equals("-infinity")) {
                        Instant.parse(key);
                    }
                }
                case DOUBLE -> {
                    if (!Double.isFinite(Double.parseDouble(key))) {
                        throw new NumberFormatException(key);
                    }
                }
                case TEXT -> {
                    if (key.indexOf('\0') >= 0) {
                        throw new IllegalArgumentException("NUL in key");
                    }
                }
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ApiException.badInput(
                    "INVALID_CURSOR",
                    "The cursor '" + cursor.encode() + "' is damaged; pass a cursor returned by the same field");
        }
    }

    private static final class PageRows<T> {
        final List<Connection.Edge<T>> edges = new ArrayList<>();
        long total;
        long before;
        long after;

        Connection<T> toConnection(PageRequest page, boolean counts) {
            boolean more = edges.size() > page.size();
            List<Connection.Edge<T>> pageEdges = new ArrayList<>(more ? edges.subList(0, page.size()) : edges);
            if (page.backward()) {
                Collections.reverse(pageEdges);
            }
            boolean rowsBefore = before > 0;
            boolean rowsAfter = after > 0;
            boolean hasNext = page.backward() ? rowsAfter : more || rowsAfter;
            boolean hasPrevious = page.backward() ? more || rowsBefore : rowsBefore;
            var info = new Connection.PageInfo(
                    hasNext,
                    hasPrevious,
                    pageEdges.isEmpty() ? null : pageEdges.get(0).cursor(),
                    pageEdges.isEmpty()
                            ? null
                            : pageEdges.get(pageEdges.size() - 1).cursor());
            return new Connection<>(List.copyOf(pageEdges), info, counts ? total : null);
        }
    }
}
