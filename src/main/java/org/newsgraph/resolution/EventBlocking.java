package org.newsgraph.resolution;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which stored events are scored against an event of a document (blocking). Any of:
 *
 * <ul>
 *   <li>dates whose periods can share a day, of a related kind (see {@link EventScorer}): a DAY inside a stored
 *       WEEK, MONTH or YEAR too;
 *   <li>a similar title (pg_trgm trigram similarity of the title keys at least {@link #TITLE_SIMILARITY}), unless
 *       both are dated and their periods are disjoint (the scorer vetoes those);
 *   <li>({@link #related}) a participant in common and a related kind, where one of the two has no date (among
 *       each participant's latest 200 events, those read for the actors' context anyway);
 *   <li>({@link #related}) the same parent event.
 * </ul>
 *
 * The same test runs in SQL (to read the candidates) and here (for the events a run creates before a later
 * article is resolved), so that a run of articles resolves as the same articles one at a time do.
 */
public final class EventBlocking {

    private EventBlocking() {}

    public static final double TITLE_SIMILARITY = 0.3;

    /** The window of start dates a dated event can match: a month before its period up to its end. */
    public static LocalDate[] window(LocalDate startsOn, String precision) {
        if (startsOn == null) return null;
        var period = EventDates.period(startsOn, precision);
        return new LocalDate[] {period[0].minusDays(31), period[1]};
    }

    /** The kinds an event of this kind is compared with. */
    public static List<String> family(String kind) {
        return EventScorer.family(kind);
    }

    /** The reference test (dates and titles); {@link Mention#admits} is it less the pairs the dates veto. */
    public static boolean candidate(
            String kind,
            String titleKey,
            LocalDate startsOn,
            String precision,
            String storedKind,
            String storedTitleKey,
            LocalDate storedStartsOn,
            String storedPrecision) {
        var window = window(startsOn, precision);
        if (window != null
                && storedStartsOn != null
                && !storedStartsOn.isBefore(window[0])
                && !storedStartsOn.isAfter(window[1])
                && family(kind).contains(storedKind)) return true;
        if (startsOn != null
                && storedStartsOn != null
                && family(kind).contains(storedKind)
                && !EventDates.disjoint(
                        EventDates.period(startsOn, precision), EventDates.period(storedStartsOn, storedPrecision)))
            return true;
        return similarity(titleKey, storedTitleKey) >= TITLE_SIMILARITY;
    }

    /**
     * The blocking test of one event of a document, prepared once (its window, its kinds, its period, its title's
     * trigrams) and then put to every loaded event. It admits what {@link #candidate} admits, less the events
     * whose dates {@link EventScorer} vetoes anyway (both dated, their periods disjoint): a run scores fewer
     * pairs and reads fewer rows ({@code ResolverRows} applies the same test in SQL), with the same outcome.
     */
    public record Mention(LocalDate[] window, List<String> kinds, LocalDate[] period, long[] titleTrigrams) {

        public static Mention of(String kind, String titleKey, LocalDate startsOn, String precision) {
            return new Mention(
                    EventBlocking.window(startsOn, precision),
                    family(kind),
                    startsOn == null ? null : EventDates.period(startsOn, precision),
                    trigramCodes(titleKey));
        }

        /** Whether a loaded event (its kind, its title key's {@link #trigramCodes}, its start) is a candidate. */
        public boolean admits(
                String storedKind, long[] storedTrigrams, LocalDate storedStartsOn, String storedPrecision) {
            if (period != null && storedStartsOn != null) {
                var stored = EventDates.period(storedStartsOn, storedPrecision);
                if (EventDates.disjoint(period, stored)) return false;
            }
            if (window != null
                    && storedStartsOn != null
                    && !storedStartsOn.isBefore(window[0])
                    && !storedStartsOn.isAfter(window[1])
                    && kinds.contains(storedKind)) return true;
            // A stored WEEK, MONTH or YEAR that began before the window and still overlaps the period.
            if (period != null && storedStartsOn != null && kinds.contains(storedKind)) return true;
            return similar(titleTrigrams, storedTrigrams);
        }
    }

    /** An event as the rules beyond dates and titles see it: its kind, start, resolved participants and parent. */
    public record Key(String kind, LocalDate startsOn, Set<Long> participants, Long parentId) {}

    /**
     * The candidates {@link Mention#admits} does not see: a participant in common (one of the two undated) of a
     * related kind, or the same parent.
     */
    public static boolean related(Key mention, Key stored) {
        if ((mention.startsOn() == null || stored.startsOn() == null)
                && family(mention.kind()).contains(stored.kind())
                && mention.participants().stream().anyMatch(stored.participants()::contains)) return true;
        return mention.parentId() != null && mention.parentId().equals(stored.parentId());
    }

    /** Whether the similarity reaches {@link #TITLE_SIMILARITY}; sets of very different sizes cannot. */
    static boolean similar(long[] ta, long[] tb) {
        int small = Math.min(ta.length, tb.length), large = Math.max(ta.length, tb.length);
        if (small == 0 || (float) small / (float) large < (float) TITLE_SIMILARITY) return false;
        return similarity(ta, tb) >= TITLE_SIMILARITY;
    }

    /** pg_trgm's similarity(): shared trigrams of the padded words over all trigrams of both. */
    public static double similarity(String a, String b) {
        return similarity(trigrams(a), trigrams(b));
    }

    /** {@link #similarity(String, String)} of two texts by their {@link #trigrams}. */
    public static double similarity(Set<String> ta, Set<String> tb) {
        if (ta.isEmpty() || tb.isEmpty()) return 0;
        int common = 0;
        for (var t : ta) if (tb.contains(t)) common++;
        return (float) common / (float) (ta.size() + tb.size() - common);
    }

    /** {@link #similarity(String, String)} of two texts by their {@link #trigramCodes}. */
    public static double similarity(long[] ta, long[] tb) {
        if (ta.length == 0 || tb.length == 0) return 0;
        int common = 0;
        for (int i = 0, j = 0; i < ta.length && j < tb.length; ) {
            if (ta[i] == tb[j]) {
                common++;
                i++;
                j++;
            } else if (ta[i] < tb[j]) i++;
            else j++;
        }
        return (float) common / (float) (ta.length + tb.length - common);
    }

    /**
     * The {@link #trigrams} of a text as numbers (three code points of 21 bits each), sorted and distinct: compared
     * by a merge instead of hashing strings, for the many pairs a run tests.
     */
    public static long[] trigramCodes(String text) {
        var codes = new java.util.ArrayList<Long>();
        for (var word : NON_WORD.split(text)) {
            if (word.isEmpty()) continue;
            var padded = "  " + word.toLowerCase(java.util.Locale.ROOT) + " ";
            var cps = padded.codePoints().toArray();
            for (int i = 0; i + 3 <= cps.length; i++)
                codes.add(((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2]);
        }
        return codes.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The trigrams of a text as pg_trgm forms them (each word lower-cased, padded with two blanks and one). */
    public static Set<String> trigrams(String text) {
        var out = new HashSet<String>();
        for (var word : NON_WORD.split(text)) {
            if (word.isEmpty()) continue;
            var padded = "  " + word.toLowerCase(java.util.Locale.ROOT) + " ";
            var cps = padded.codePoints().toArray();
            for (int i = 0; i + 3 <= cps.length; i++) out.add(new String(cps, i, 3));
        }
        return out;
    }
}
