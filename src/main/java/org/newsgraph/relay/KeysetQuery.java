package org.newsgraph.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a connection for many parents in ONE SQL statement: the parent ids are unnested and each
 * parent's page is a {@code LATERAL} subquery ordered by its {@link Keyset} with a {@code limit}; cursors are
 * compared with a row comparison, so an index on the sort key serves every page. Counts (for
 * {@code totalCount} and {@code hasPreviousPage}/{@code hasNextPage} across cursors) are a second lateral
 * aggregate in the same statement, only when the page asks for them. {@link PageRows} turns the rows into
 * the connection.
 *
 * <p>Top-level connections use the same code with a single pseudo-parent whose id the conditions ignore.
 * The FROM clause and conditions may refer to the parent id as {@code p.id}. The select list must not
 * produce columns named {@code keyset_parent_id}, {@code cursor_id}, {@code cursor_key}, {@code keyset_key_*} or
 * {@code *_count}.
 */
public final class KeysetQuery<T> {

    /**
     * Which rows a connection lists for a parent: the FROM clause and the condition that ties a row to the
     * parent {@code p.id}; the condition is null for a top-level connection (see {@link #topLevel}).
     */
    public record Parent(String from, String condition, List<Parent> branches) {

        public Parent {
            branches = List.copyOf(branches);
        }

        public Parent(String from, String condition) {
            this(from, condition, List.of());
        }

        /** The rows of a connection without parent (a {@code Query} field). */
        public static Parent topLevel(String from) {
            return new Parent(from, null);
        }

        /**
         * The rows of several sources together ({@code union all}), e.g. what an actor said as first speaker
         * and as a further one. Each branch gets the conditions, the cursor, the order and the limit of the
         * page, so that an index on its sort key serves it (a {@code union all} ordered and limited only as a
         * whole makes PostgreSQL read and sort every row of every branch), and the page merges their pages.
         */
        public static Parent union(Parent first, Parent second) {
            return new Parent(null, null, List.of(first, second));
        }
    }

    /** The prefix of the columns that carry a branch's sort keys to the merge of a {@link Parent#union}. */
    private static final String KEY_COLUMN = "keyset_key_";

    private final String cursorKind;
    private String select;
    private String from;
    private List<Parent> branches = List.of();
    private final List<Object> fromParams = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> conditionParams = new ArrayList<>();
    private Keyset keyset;
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

    /** The FROM clause; its parameters, if any, are bound wherever it is used. */
    public KeysetQuery<T> from(String from, Object... params) {
        this.from = from;
        Collections.addAll(fromParams, params);
        return this;
    }

    /** The FROM clause of the parent's rows, and the condition on {@code p.id} if it has one. */
    public KeysetQuery<T> from(Parent parent) {
        if (!parent.branches().isEmpty()) {
            this.branches = parent.branches();
            return this;
        }
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

    /** Ordered by one key, then the id. */
    public KeysetQuery<T> orderBy(
            String keyExpression, Keyset.KeyType keyType, String idExpression, boolean descending) {
        return orderBy(Keyset.of(cursorKind, keyExpression, keyType, idExpression, descending));
    }

    public KeysetQuery<T> orderBy(Keyset keyset) {
        this.keyset = keyset;
        return this;
    }

    public KeysetQuery<T> map(RowMapper<T> mapper) {
        this.mapper = mapper;
        return this;
    }

    /** The page of one connection without parent (a {@code Query} field). */
    public Connection<T> fetchOne(JdbcClient jdbc, PageRequest page) {
        return fetch(jdbc, List.of(0L), page).get(0L);
    }

    /**
     * The page of every parent, in one statement; counts (totalCount, and rows beyond the cursors for
     * pageInfo) when {@link PageRequest#counts()}.
     *
     * @return a connection for every parent id, empty when the parent has no rows
     */
    public Map<Long, Connection<T>> fetch(JdbcClient jdbc, Collection<Long> parentIds, PageRequest page) {
        keyset.validate(page.after());
        keyset.validate(page.before());

        var sql = new StringBuilder("select p.id as keyset_parent_id");
        var params = new ArrayList<Object>();
        params.add(Batch.array(parentIds));
        if (page.counts()) {
            sql.append(", c.*");
        }
        sql.append(", r.* from unnest(?::bigint[]) as p(id)");
        if (page.counts()) {
            sql.append(" cross join lateral ");
            if (branches.isEmpty()) {
                sql.append(counts(from, fromParams, conditionsWith(null), page, params))
                        .append(" c");
            } else {
                // the sum of each branch's counts
                sql.append("(select sum(total_count) as total_count");
                if (page.after() != null) sql.append(", sum(before_count) as before_count");
                if (page.before() != null) sql.append(", sum(after_count) as after_count");
                sql.append(" from (");
                for (int i = 0; i < branches.size(); i++) {
                    if (i > 0) sql.append(" union all ");
                    Parent branch = branches.get(i);
                    sql.append(counts(branch.from(), List.of(), conditionsWith(branch.condition()), page, params));
                }
                sql.append(") b) c");
            }
        }
        sql.append(" left join lateral ");
        if (branches.isEmpty()) {
            sql.append(page(from, fromParams, conditionsWith(null), "", page, params));
        } else {
            // each branch's page, merged in the page's order by their copies of the sort keys
            Keyset merged = keyset.overColumns(KEY_COLUMN, "cursor_id");
            sql.append("(select * from (");
            for (int i = 0; i < branches.size(); i++) {
                if (i > 0) sql.append(" union all ");
                Parent branch = branches.get(i);
                sql.append(
                        page(branch.from(), List.of(), conditionsWith(branch.condition()), keyColumns(), page, params));
            }
            sql.append(") u order by ").append(merged.orderBy(page.backward())).append(" limit ?)");
            params.add(page.size() + 1);
        }
        sql.append(" r on true");

        var rows = new LinkedHashMap<Long, PageRows<T>>();
        for (Long parentId : parentIds) {
            rows.put(parentId, new PageRows<>());
        }
        jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    var parentRows = rows.get(rs.getLong("keyset_parent_id"));
                    if (page.counts()) {
                        parentRows.counts(
                                rs.getLong("total_count"),
                                page.after() != null ? rs.getLong("before_count") : 0,
                                page.before() != null ? rs.getLong("after_count") : 0);
                    }
                    long id = rs.getLong("cursor_id");
                    if (!rs.wasNull()) {
                        parentRows.add(keyset.cursor(id, rs.getString("cursor_key")), mapper.mapRow(rs, n));
                    }
                    return null;
                })
                .list();

        var result = new LinkedHashMap<Long, Connection<T>>();
        rows.forEach((parentId, parentRows) -> result.put(parentId, parentRows.toConnection(page)));
        return result;
    }

    /** The conditions of the query, and a branch's own condition if it has one. */
    private Where conditionsWith(String branchCondition) {
        var all = new ArrayList<String>();
        if (branchCondition != null) all.add(branchCondition);
        all.addAll(conditions);
        return new Where(all.isEmpty() ? "true" : String.join(" and ", all), conditionParams);
    }

    private record Where(String sql, List<Object> params) {}

    /** {@code , key1 as keyset_key_0, ...}: a branch's sort keys as columns, for the merge. */
    private String keyColumns() {
        var columns = new StringBuilder();
        var keys = keyset.keys();
        for (int i = 0; i < keys.size(); i++) {
            columns.append(", ")
                    .append(keys.get(i).expression())
                    .append(" as ")
                    .append(KEY_COLUMN)
                    .append(i);
        }
        return columns.toString();
    }

    /** The counts of one source: all its rows, and those before and after the cursors. */
    private String counts(
            String source, List<Object> sourceParams, Where where, PageRequest page, List<Object> params) {
        var sql = new StringBuilder("(select count(*) as total_count");
        if (page.after() != null) {
            sql.append(", count(*) filter (where ")
                    .append(keyset.compare(false, true, page.after(), params))
                    .append(") as before_count");
        }
        if (page.before() != null) {
            sql.append(", count(*) filter (where ")
                    .append(keyset.compare(true, true, page.before(), params))
                    .append(") as after_count");
        }
        sql.append(" from ")
                .append(source)
                .append(" where ")
                .append(where.sql())
                .append(')');
        params.addAll(sourceParams);
        params.addAll(where.params());
        return sql.toString();
    }

    /** The page (one row more than asked) of one source, between the cursors, in the page's order. */
    private String page(
            String source,
            List<Object> sourceParams,
            Where where,
            String extraColumns,
            PageRequest page,
            List<Object> params) {
        var sql = new StringBuilder("(select ")
                .append(select)
                .append(", ")
                .append(keyset.idExpression())
                .append(" as cursor_id, ")
                .append(keyset.keyText())
                .append(" as cursor_key")
                .append(extraColumns)
                .append(" from ")
                .append(source)
                .append(" where ")
                .append(where.sql());
        params.addAll(sourceParams);
        params.addAll(where.params());
        if (page.after() != null) {
            sql.append(" and ").append(keyset.compare(true, false, page.after(), params));
        }
        if (page.before() != null) {
            sql.append(" and ").append(keyset.compare(false, false, page.before(), params));
        }
        sql.append(" order by ").append(keyset.orderBy(page.backward())).append(" limit ?)");
        params.add(page.size() + 1);
        return sql.toString();
    }
}
