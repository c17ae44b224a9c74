package org.newsgraph.input;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The dates NewsGraph stores: years 1 to 9999 of the proleptic Gregorian calendar (java.time's and
 * ISO 8601's, which PostgreSQL uses too). Year 0 and the years before it do not exist in PostgreSQL's
 * calendar, years past 9999 make cursors and ISO strings of another shape; both are refused with a
 * validation error instead of failing in the database. Values are bound as java.time objects
 * ({@code setObject}), never as {@code java.sql.Date}/{@code Timestamp}, whose Julian calendar before
 * 1582 shifts old dates by days.
 */
public final class StorableDates {

    public static final LocalDate MIN = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX = LocalDate.of(9999, 12, 31);

    /** What the user is told. */
    public static final String RANGE = "between 0001-01-01 and 9999-12-31";

    private StorableDates() {}

    public static boolean storable(LocalDate date) {
        return date == null || (!date.isBefore(MIN) && !date.isAfter(MAX));
    }

    /** Whether the instant, in UTC (as stored), falls on a storable day. */
    public static boolean storable(OffsetDateTime time) {
        return time == null || storable(time.atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
    }
}
