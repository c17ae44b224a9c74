package org.newsgraph.sqlmetrics;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * Counts the SQL statements the application runs: in total, and for the GraphQL request being executed on
 * the current thread (the API's data fetchers and DataLoaders run synchronously on the request thread).
 */
public class SqlStatementCounter implements QueryExecutionListener {

    /** Statements of one request. */
    public static final class Count {
        private long statements;
        private long selects;
        private long readOnly;
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
    }

    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong selects = new AtomicLong();
    private final ThreadLocal<Count> current = new ThreadLocal<>();

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        var count = current.get();
        boolean readOnly = count != null && isReadOnly(execInfo);
        for (var query : queryInfoList) {
            boolean select = isSelect(query.getQuery());
            statements.incrementAndGet();
            if (select) {
                selects.incrementAndGet();
            }
            if (count != null) {
                count.statements++;
                if (select) {
                    count.selects++;
                }
                if (readOnly) {
                    count.readOnly++;
                }
            }
        }
    }

    private static boolean isReadOnly(ExecutionInfo execInfo) {
        try {
            return execInfo.getStatement().getConnection().isReadOnly();
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    static boolean isSelect(String sql) {
        String start = sql.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("select") || start.startsWith("with") || start.startsWith("(select");
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
