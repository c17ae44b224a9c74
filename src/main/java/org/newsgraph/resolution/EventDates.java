package org.newsgraph.resolution;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * The date rules of event resolution: the period a start date stands for given its precision (a DAY, the ISO WEEK,
 * the MONTH or YEAR it lies in), whether two periods can be one event's, how much they say ({@link EventScorer}'s
 * {@code date} feature), and the narrowest date a stored event's reports agree on.
 */
public final class EventDates {

    private EventDates() {}

    /** A start date with its precision. */
    public record Dated(LocalDate on, String precision) {}

    /**
     * The narrowest start that a stored event's own date and its merged reports' dates agree on: a report's
     * period inside the known one and shorter replaces it (a DAY inside the stored YEAR); an undated event takes
     * its first report's date.
     */
    public static Dated narrowest(Dated own, List<Dated> reports) {
        var known = own;
        for (var r : reports) {
            if (r.on() == null) continue;
            if (known.on() == null) {
                known = r;
                continue;
            }
            var k = period(known.on(), known.precision());
            var o = period(r.on(), r.precision());
            boolean inside = !o[0].isBefore(k[0]) && !o[1].isAfter(k[1]);
            if (inside && o[1].toEpochDay() - o[0].toEpochDay() < k[1].toEpochDay() - k[0].toEpochDay()) known = r;
        }
        return known;
    }

    /**
     * The {@code date} feature: the same day +4; the same WEEK +2.5, MONTH +2, YEAR +1.5; one period inside the other
     * +1.5; disjoint periods or two different days: veto. One without a date: nothing.
     */
    static void score(Score.Builder b, EventScorer.Profile mention, EventScorer.Profile stored) {
        if (mention.startsOn() == null || stored.startsOn() == null) return;
        var m = period(mention.startsOn(), mention.startsOnPrecision());
        var s = period(stored.startsOn(), stored.startsOnPrecision());
        if (disjoint(m, s)) {
            b.veto(
                    "date",
                    mention.startsOn() + " " + mention.startsOnPrecision() + " vs " + stored.startsOn() + " "
                            + stored.startsOnPrecision());
        } else if (m[0].equals(s[0]) && m[1].equals(s[1]) && m[0].equals(m[1])) {
            b.add("date", 4, "same day " + mention.startsOn());
        } else if (m[0].equals(m[1]) && s[0].equals(s[1])) {
            b.veto("date", "different days");
        } else if (m[0].equals(s[0]) && m[1].equals(s[1])) {
            // The same week or month: more than a day inside it says, less than the same day.
            long days = m[1].toEpochDay() - m[0].toEpochDay();
            b.add("date", days <= 6 ? 2.5 : days <= 31 ? 2 : 1.5, "same " + mention.startsOnPrecision());
        } else {
            b.add("date", 1.5, "compatible: " + mention.startsOnPrecision() + " / " + stored.startsOnPrecision());
        }
    }

    /**
     * Whether two periods ({@link #period}) share no day: the dates veto the pair. Event blocking leaves such
     * pairs out before scoring, in Java ({@link EventBlocking.Mention}) and in SQL (ResolverRows): a change of
     * this rule is a change there too.
     */
    public static boolean disjoint(LocalDate[] a, LocalDate[] b) {
        return a[1].isBefore(b[0]) || b[1].isBefore(a[0]);
    }

    /** The first and last day a date of this precision stands for. */
    public static LocalDate[] period(LocalDate date, String precision) {
        if (precision == null) precision = "DAY";
        return switch (precision) {
            case "WEEK" -> {
                var monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new LocalDate[] {monday, monday.plusDays(6)};
            }
            case "MONTH" -> new LocalDate[] {date.withDayOfMonth(1), date.with(TemporalAdjusters.lastDayOfMonth())};
            case "YEAR" -> new LocalDate[] {date.withDayOfYear(1), date.with(TemporalAdjusters.lastDayOfYear())};
            default -> new LocalDate[] {date, date};
        };
    }
}
