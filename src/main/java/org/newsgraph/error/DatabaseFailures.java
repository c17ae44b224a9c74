package org.newsgraph.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises the database failures a client should hear about plainly: PostgreSQL unreachable or
 * shutting down ({@code SERVICE_UNAVAILABLE}) and a statement cancelled by {@code statement_timeout}
 * ({@code TIMEOUT}), and input text that PostgreSQL cannot hold ({@code INVALID_CHARACTERS}; the
 * query limits refuse NUL characters before execution already). Everything else stays an internal error.
 */
public final class DatabaseFailures {

    public enum Kind {
        UNAVAILABLE,
        TIMEOUT,
        UNSTORABLE_INPUT
    }

    private DatabaseFailures() {}

    public static Kind classify(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("57014")) return Kind.TIMEOUT; // query_canceled (statement_timeout)
                // character_not_in_repertoire (NUL), untranslatable_character: input text PostgreSQL cannot hold
                if (state.equals("22021") || state.equals("22P05")) return Kind.UNSTORABLE_INPUT;
                // 08: connection exception; 57P01..57P03: admin/crash shutdown, cannot connect now
                if (state.startsWith("08") || state.startsWith("57P")) return Kind.UNAVAILABLE;
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException) {
                return Kind.UNAVAILABLE;
            }
        }
        return null;
    }
}
