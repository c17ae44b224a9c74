package org.newsgraph.relay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;

/**
 * The order of a connection as a keyset: one or more sort keys, then the row id, all ascending or all
 * descending. A cursor holds the id and the keys' text (joined by {@code :} when there are several); the
 * rows after a cursor are one row comparison {@code (key..., id) < (cursor)}, which an index on the keys
 * serves.
 */
public final class Keyset {

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

    /** One sort key: its SQL expression and type. */
    public record Key(String expression, KeyType type) {}

    private final String cursorKind;
    private final List<Key> keys;
    private final String idExpression;
    private final boolean descending;

    private Keyset(String cursorKind, List<Key> keys, String idExpression, boolean descending) {
        this.cursorKind = cursorKind;
        this.keys = List.copyOf(keys);
        this.idExpression = idExpression;
        this.descending = descending;
    }

    /** Ordered by one key, then the id. */
    public static Keyset of(
            String cursorKind, String keyExpression, KeyType keyType, String idExpression, boolean descending) {
        return new Keyset(cursorKind, List.of(new Key(keyExpression, keyType)), idExpression, descending);
    }

    /** Ordered by the id alone (rows numbered in the order they were made: a queue, a log). */
    public static Keyset byId(String cursorKind, String idExpression, boolean descending) {
        return new Keyset(cursorKind, List.of(), idExpression, descending);
    }

    /** Ordered by several keys, then the id. */
    public static Keyset of(String cursorKind, List<Key> keys, String idExpression, boolean descending) {
        return new Keyset(cursorKind, keys, idExpression, descending);
    }

    public String cursorKind() {
        return cursorKind;
    }

    public String idExpression() {
        return idExpression;
    }

    List<Key> keys() {
        return keys;
    }

    /**
     * The same order over columns of a subquery: the keys as {@code keyPrefix0, keyPrefix1, ...}, the id as
     * {@code idColumn}.
     */
    Keyset overColumns(String keyPrefix, String idColumn) {
        var columns = new ArrayList<Key>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            columns.add(new Key(keyPrefix + i, keys.get(i).type()));
        }
        return new Keyset(cursorKind, columns, idColumn, descending);
    }

    /** The SQL text of a row's cursor key (empty when the id alone orders). */
    public String keyText() {
        if (keys.isEmpty()) {
            return "''";
        }
        var parts = new ArrayList<String>();
        for (Key key : keys) {
            String e = key.expression();
            parts.add(
                    switch (key.type()) {
                        case DATE -> "(" + e + ")::text";
                        case TIMESTAMP ->
                            "case when " + e + " = '-infinity' then '-infinity' else to_char(" + e
                                    + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') end";
                        case TEXT -> "(" + e + ")";
                        case DOUBLE -> "(" + e + ")::float8::text";
                    });
        }
        return String.join(" || ':' || ", parts);
    }

    /**
     * The condition that a row comes after ({@code later}) or before the cursor in the list, or is at it
     * ({@code orAt}), adding its parameters.
     */
    public String compare(boolean later, boolean orAt, Cursor cursor, List<Object> params) {
        var row = new StringBuilder("(");
        var values = new StringBuilder("(");
        String[] parts = split(cursor);
        for (int i = 0; i < keys.size(); i++) {
            row.append(keys.get(i).expression()).append(", ");
            values.append("cast(? as ").append(keys.get(i).type().sqlType).append("), ");
            params.add(parts[i]);
        }
        row.append(idExpression).append(')');
        values.append("?)");
        params.add(cursor.id());
        // "Later in the list" is smaller for a descending order.
        String operator = (later == descending ? "<" : ">") + (orAt ? "=" : "");
        return row + " " + operator + " " + values;
    }

    /** The ORDER BY list in the list's order, or reversed (to read a page backwards). */
    public String orderBy(boolean reversed) {
        String direction = descending != reversed ? " desc" : " asc";
        var order = new StringBuilder();
        for (Key key : keys) {
            order.append(key.expression()).append(direction).append(", ");
        }
        return order.append(idExpression).append(direction).toString();
    }

    /** The cursor of a row, from its id and {@link #keyText()}. */
    public String cursor(long id, String keyText) {
        return Cursor.encode(cursorKind, id, keyText);
    }

    /** A cursor's keys go into SQL casts: refuse what a cast would choke on, as a client error. */
    public void validate(Cursor cursor) {
        if (cursor != null) {
            split(cursor);
        }
    }

    private String[] split(Cursor cursor) {
        if (keys.isEmpty()) {
            if (!cursor.key().isEmpty()) {
                throw damaged(cursor);
            }
            return new String[0];
        }
        String[] parts =
                keys.size() == 1 ? new String[] {cursor.key()} : cursor.key().split(":", keys.size());
        if (parts.length != keys.size()) {
            throw damaged(cursor);
        }
        for (int i = 0; i < parts.length; i++) {
            check(keys.get(i).type(), parts[i], cursor);
        }
        return parts;
    }

    private static void check(KeyType type, String key, Cursor cursor) {
        try {
            switch (type) {
                case DATE -> {
                    if (!key.equals("-infinity")) {
                        storableYear(LocalDate.parse(key).getYear());
                    }
                }
                case TIMESTAMP -> {
                    if (!key.equals("-infinity")) {
                        storableYear(Instant.parse(key).atOffset(ZoneOffset.UTC).getYear());
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
            throw damaged(cursor);
        }
    }

    /** Years 1 to 9999, the dates stored (org.newsgraph.input.StorableDates): others fail in PostgreSQL's casts. */
    private static void storableYear(int year) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year " + year);
        }
    }

    private static ApiException damaged(Cursor cursor) {
        return ApiException.badInput(
                ErrorCode.INVALID_CURSOR,
                "The cursor '" + cursor.encode() + "' is damaged; pass a cursor returned by the same field");
    }
}
