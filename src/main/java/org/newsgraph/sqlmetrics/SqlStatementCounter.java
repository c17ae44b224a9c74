package org.newsgraph.sqlmetrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the SQL statements the application runs on its data source ({@link CountingDataSource}): in total,
 * and for the GraphQL request being executed on the current thread (the API's data fetchers and DataLoaders run synchronously on the request thread).
 */
public class SqlStatementCounter {

    /** Statements of one request. */
    public static final class Count {
        private long statements;
        private long selects;
        private long readOnly;
        private long alone;
        private int depth = 1;

        public long statements() {
            return statements;
        }

        public long selects() {
            return selects;
        }

        /** Statements that ran on a read-only connection (in a read-only transaction). */
        public long readOnly() {
            return readOnly;
        }

        /**
         * SELECTs that ran outside any transaction (auto-commit): a read of one statement, which PostgreSQL runs
         * in a transaction of its own.
         */
        public long alone() {
            return alone;
        }
    }

    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong selects = new AtomicLong();
    private final ThreadLocal<Count> current = new ThreadLocal<>();

    /** One statement run on a connection ({@code readOnly}: in a read-only transaction). */
    void counted(String sql, boolean readOnly) {
        counted(sql, readOnly, false);
    }

    /** The same; {@code autoCommit}: outside any transaction. */
    void counted(String sql, boolean readOnly, boolean autoCommit) {
        statements.incrementAndGet();
        boolean select = isSelect(sql);
        if (select) {
            selects.incrementAndGet();
        }
        var count = current.get();
        if (count != null) {
            count.statements++;
            if (select) {
                count.selects++;
            }
            if (readOnly) {
                count.readOnly++;
            } else if (autoCommit && select) {
                count.alone++;
            }
        }
    }

    /** Whether the SQL starts with {@code select}, {@code with} or {@code (select} (without copying it). */
    static boolean isSelect(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        return sql.regionMatches(true, start, "select", 0, 6)
                || sql.regionMatches(true, start, "with", 0, 4)
                || sql.regionMatches(true, start, "(select", 0, 7);
    }

    /**
     * Starts counting the statements of the current thread's request, or joins the count begun already
     * (the response extension and the request metrics share one); each begin is paired with an {@link #end()}.
     */
    public Count begin() {
        var count = current.get();
        if (count != null) {
            count.depth++;
            return count;
        }
        count = new Count();
        current.set(count);
        return count;
    }

    public void end() {
        var count = current.get();
        if (count != null && --count.depth == 0) {
            current.remove();
        }
    }

    public long totalStatements() {
        return statements.get();
    }

    public long totalSelects() {
        return selects.get();
    }
}
