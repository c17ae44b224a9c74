package org.newsgraph.date;

/**
 * How exact a date is. News says "at 18:00" (HOUR), "on Monday" (DAY), "last week" (WEEK), "in March" (MONTH),
 * "in 2014" (YEAR); the stored date is the first day of that period. Date filters keep what overlaps the range
 * asked for (see {@code newsgraph_period_end} in migration what_news_reports_say).
 */
public enum DatePrecision {
    HOUR,
    DAY,
    WEEK,
    MONTH,
    YEAR
}
