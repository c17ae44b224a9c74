package org.newsgraph.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.newsgraph.date.DatePrecision;

/**
 * The GraphQL type {@code DatePeriod}: a bucket, or the own period of an item that fits in no bucket (the
 * rule is V140's {@code newsgraph_period_start}/{@code newsgraph_period_precision}).
 */
public record Period(LocalDate start, DatePrecision precision) {

    /** The last day of the period. */
    public LocalDate end() {
        return switch (precision) {
            case WEEK -> start.plusDays(6);
            case MONTH -> start.plusMonths(1).minusDays(1);
            case YEAR -> start.plusYears(1).minusDays(1);
            default -> start;
        };
    }

    /** The period in columns {@code <prefix>_start} and {@code <prefix>_precision}; null when the start is null (undated). */
    static Period read(ResultSet rs, String prefix) throws SQLException {
        LocalDate start = rs.getObject(prefix + "_start", LocalDate.class);
        if (start == null) {
            return null;
        }
        return new Period(start, precisionOf(rs.getString(prefix + "_precision")));
    }

    /** A precision the model may have that this API does not name (finer than a day) is a day here. */
    static DatePrecision precisionOf(String text) {
        try {
            return DatePrecision.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException finer) {
            return DatePrecision.DAY;
        }
    }

    /** SQL for the start of the period of {@code date} (with {@code precision}) in {@code bucket}. */
    static String startSql(String date, String precision, DateBucket bucket) {
        return "newsgraph_period_start(" + date + ", " + precision + ", '" + bucket.sql() + "')";
    }

    /** SQL for the precision of that period. */
    static String precisionSql(String date, String precision, DateBucket bucket) {
        return "newsgraph_period_precision(" + date + ", " + precision + ", '" + bucket.sql() + "')";
    }
}
