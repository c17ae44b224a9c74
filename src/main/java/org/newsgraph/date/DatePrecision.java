package org.newsgraph.date;

/**
 * How exact a date is. News says "on Monday" (DAY), "last week" (WEEK), "in March" (MONTH), "in 2014"
 * (YEAR); the stored date is the first day of that period.
 */
public enum DatePrecision {
    DAY,
    WEEK,
    MONTH,
    YEAR
}
