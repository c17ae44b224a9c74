package org.newsgraph.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises the database failures a client should hear about plainly, by PostgreSQL's SQL state first
 * (anywhere in the cause chain, so that Spring's translation to {@code DataAccessResourceFailureException}
 * of every 53/54/57 state does not hide which it was), then by the type of a pool failure:
 * <ul>
 * <li>{@code TIMEOUT}: 57014 ({@code statement_timeout});</li>
 * <li>{@code SERVICE_UNAVAILABLE}: class 08 (connection exception), 57P01..57P03 (shutdown, crash, cannot
 * connect now), 53 (out of connections or memory), no pool connection in time, and a connection that
 * Hikari has closed because it broke (its {@code "Connection is closed"} has no SQL state): when a
 * connection dies mid-transaction, the failed rollback is what Spring throws;</li>
 * <li>{@code INPUT_TOO_COMPLEX}: class 54, program limits (54001 stack depth limit exceeded);</li>
 * <li>{@code INVALID_CHARACTERS}: 22021 and 22P05, text PostgreSQL cannot hold;</li>
 * <li>{@code INVALID_VALUE}: other data exceptions (class 22: a date or number out of the range of its
 * column).</li>
 * </ul>
 * Everything else stays an internal error.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** The code for a database failure, or null when it is none of those above. */
    public static ErrorCode classify(Throwable ex) {
        List<Throwable> chain = chain(ex);
        for (Throwable t : chain) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                ErrorCode code = bySqlState(sql.getSQLState());
                if (code != null) return code;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || (t instanceof SQLException sql
                            && sql.getSQLState() == null
                            && "Connection is closed".equals(sql.getMessage()))) {
                return ErrorCode.SERVICE_UNAVAILABLE;
            }
        }
        return null;
    }

    /** The answer for a failure that {@link #classify} recognised. */
    public static ApiError toApiError(ErrorCode code, String errorId) {
        return switch (code) {
            case TIMEOUT -> ApiError.timeout(errorId);
            case INPUT_TOO_COMPLEX -> ApiError.inputTooComplex(errorId);
            case INVALID_CHARACTERS -> ApiError.unstorableCharacters(errorId);
            case INVALID_VALUE -> ApiError.valueOutOfRange(errorId);
            default -> ApiError.serviceUnavailable(errorId);
        };
    }

    private static ErrorCode bySqlState(String state) {
        if (state.equals("57014")) return ErrorCode.TIMEOUT; // query_canceled (statement_timeout)
        if (state.equals("22021") || state.equals("22P05")) return ErrorCode.INVALID_CHARACTERS;
        if (state.startsWith("22")) return ErrorCode.INVALID_VALUE;
        if (state.startsWith("54")) return ErrorCode.INPUT_TOO_COMPLEX;
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
            return ErrorCode.SERVICE_UNAVAILABLE;
        }
        return null;
    }

    /**
     * The exception, its causes, what they suppressed, and the application exception that a failed
     * rollback carries ({@link TransactionSystemException#getApplicationException()}), each once.
     */
    private static List<Throwable> chain(Throwable ex) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var todo = new ArrayDeque<Throwable>();
        if (ex != null) todo.add(ex);
        while (!todo.isEmpty() && chain.size() < 64) {
            Throwable t = todo.poll();
            if (!seen.add(t)) continue;
            chain.add(t);
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null) {
                todo.add(tse.getApplicationException());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) todo.add(sql.getNextException());
            if (t.getCause() != null) todo.add(t.getCause());
            Collections.addAll(todo, t.getSuppressed());
        }
        return chain;
    }

    /** The innermost cause's class and message, for a log line. */
    public static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
