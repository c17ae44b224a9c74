package org.newsgraph.resolution;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which stored events are scored against an event of a document (blocking). Any of:
 *
 * <ul>
 *   <li>a start in the window its date can match (a month before its period up to its end), of a related kind
 *       (see {@link EventScorer}); a YEAR-dated event up to a year before;
 *   <li>a similar title (pg_trgm trigram similarity of the title keys at least {@link #TITLE_SIMILARITY});
 *   <li>a participant in common and a related kind, where one of the two has no date (among the latest 200
 *       events of each participant, those read for the actors' context anyway);
 *   <li>the same parent event.
 * </ul>
 *
 * The same test runs in SQL (to read the candidates) and here (for the events a run creates before a later
 * article is resolved), so that a run of articles resolves as the same articles one at a time do.
 */
public final class EventBlocking {

    private EventBlocking() {}

    public static final double TITLE_SIMILARITY = 0.3;

    /** How far before its period a YEAR-dated stored event may start and still be read. */
    public static final int YEAR_WINDOW_DAYS = 366;

    /** The window of start dates a dated event can match: a month before its period up to its end. */
    public static LocalDate[] window(LocalDate startsOn, String precision) {
        if (startsOn == null) return null;
        var period = EventScorer.period(startsOn, precision);
        return new LocalDate[] {period[0].minusDays(31), period[1]};
    }

    /** The kinds an event of this kind is compared with. */
    public static List<String> family(String kind) {
        return EventScorer.family(kind);
    }

    /** An event as blocking sees it: the row's own kind, title key, start, precision, participants, parent. */
    public record Key(
            String kind,
            String titleKey,
            LocalDate startsOn,
            String precision,
            Set<Long> participants,
            Long parentId) {}

    public static boolean candidate(Key mention, Key stored) {
        var family = family(mention.kind());
        var window = window(mention.startsOn(), mention.precision());
        if (window != null && stored.startsOn() != null && family.contains(stored.kind())) {
            if (!stored.startsOn().isBefore(window[0]) && !stored.startsOn().isAfter(window[1])) return true;
            if ("YEAR".equals(stored.precision())
                    && !stored.startsOn().isBefore(window[0].plusDays(31).minusDays(YEAR_WINDOW_DAYS))
                    && !stored.startsOn().isAfter(window[1])) return true;
        }
        if ((mention.startsOn() == null || stored.startsOn() == null)
                && family.contains(stored.kind())
                && mention.participants().stream().anyMatch(stored.participants()::contains)) return true;
        if (mention.parentId() != null && mention.parentId().equals(stored.parentId())) return true;
        return similar(mention.titleKey(), stored.titleKey());
    }

    /** Whether the similarity reaches {@link #TITLE_SIMILARITY}; sets of very different sizes cannot. */
    static boolean similar(String a, String b) {
        var ta = trigrams(a);
        var tb = trigrams(b);
        int small = Math.min(ta.size(), tb.size()), large = Math.max(ta.size(), tb.size());
        if (small == 0 || (float) small / (float) large < (float) TITLE_SIMILARITY) return false;
        return similarity(a, b) >= TITLE_SIMILARITY;
    }

    /** pg_trgm's similarity(): shared trigrams of the padded words over all trigrams of both. */
    public static double similarity(String a, String b) {
        var ta = trigrams(a);
        var tb = trigrams(b);
        if (ta.isEmpty() || tb.isEmpty()) return 0;
        int common = 0;
        for (var t : ta) if (tb.contains(t)) common++;
        return (float) common / (float) (ta.size() + tb.size() - common);
    }

    private static final java.util.Map<String, Set<String>> TRIGRAMS = new java.util.concurrent.ConcurrentHashMap<>();

    static Set<String> trigrams(String text) {
        var cached = TRIGRAMS.get(text);
        if (cached != null) return cached;
        if (TRIGRAMS.size() > 100_000) TRIGRAMS.clear();
        var computed = computeTrigrams(text);
        TRIGRAMS.put(text, computed);
        return computed;
    }

    private static Set<String> computeTrigrams(String text) {
        var out = new HashSet<String>();
        for (var word : text.split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) continue;
            var padded = "  " + word.toLowerCase(java.util.Locale.ROOT) + " ";
            var cps = padded.codePoints().toArray();
            for (int i = 0; i + 3 <= cps.length; i++) out.add(new String(cps, i, 3));
        }
        return out;
    }
}
