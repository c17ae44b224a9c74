package org.newsgraph.resolution;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores whether an event as a document reports it and a stored event are one real-world event. Outlets share
 * no key and no title, so it weighs what they do share (log-weights, base 2):
 *
 * <ul>
 *   <li>{@code kind}: equal +2; related kinds (talks/meeting/visit; war/invasion; proposal/peace process;
 *       ceasefire/peace process) +0.5; otherwise -4.
 *   <li>{@code date}: the periods the start dates stand for, given their precision (a DAY, the ISO WEEK or the
 *       MONTH or YEAR it lies in): the same day +4; one period inside the other +1.5; disjoint: veto (two
 *       different days are two events). One without a date: 0.
 *   <li>{@code participants}: resolved participants in common: one +2, two or more +4; none in common -2 (-3
 *       when both have three or more).
 *   <li>{@code title}: word overlap after stop words, light stemming and demonyms folded to their country
 *       (Dice coefficient): >= 0.8 +4, >= 0.6 +2.5, >= 0.5 +1, >= 0.34 0, >= 0.2 -2, below -4.
 *   <li>{@code location}: the same place +1.5 (one name inside the other counts); different -2.
 *   <li>{@code parent}: the same resolved parent +2; different parents -2.
 *   <li>{@code title numbers}: both titles carry numbers and they differ ("round 2", "round 3"): veto.
 * </ul>
 */
public final class EventScorer {

    private final Gazetteer gazetteer;

    public EventScorer(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** An event (stored, or as a document reports it with its refs resolved); {@code id} 0 for a mention. */
    public record Profile(
            long id,
            String kind,
            String title,
            LocalDate startsOn,
            String startsOnPrecision,
            String location,
            Long parentId,
            Set<Long> participants) {}

    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("TALKS", "meeting"),
            Map.entry("MEETING", "meeting"),
            Map.entry("VISIT", "meeting"),
            Map.entry("WAR", "war"),
            Map.entry("INVASION", "war"),
            Map.entry("ANNEXATION", "war"),
            Map.entry("PROPOSAL", "peace"),
            Map.entry("PEACE_PROCESS", "peace"),
            Map.entry("CEASEFIRE", "peace"),
            Map.entry("ANNOUNCEMENT", "statement"),
            Map.entry("STATEMENT", "statement"));

    /** The kinds compared with this one: its family's (talks, meetings and visits; ...), or itself. */
    static List<String> family(String kind) {
        var f = FAMILY.get(kind);
        if (f == null) return List.of(kind);
        return FAMILY.entrySet().stream()
                .filter(e -> e.getValue().equals(f))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public Score score(Profile mention, Profile stored) {
        var b = new Score.Builder();
        if (mention.kind().equals(stored.kind())) b.add("kind", 2, mention.kind());
        else if (FAMILY.containsKey(mention.kind())
                && FAMILY.get(mention.kind()).equals(FAMILY.get(stored.kind())))
            b.add("kind", 0.5, mention.kind() + " ~ " + stored.kind());
        else b.add("kind", -4, mention.kind() + " vs " + stored.kind());

        date(b, mention, stored);
        if (b.vetoed()) return b.build();

        var common = new HashSet<>(mention.participants());
        common.retainAll(stored.participants());
        if (common.size() >= 2) b.add("participants", 4, common.size() + " in common");
        else if (common.size() == 1) b.add("participants", 2, "1 in common");
        else if (mention.participants().size() >= 3 && stored.participants().size() >= 3)
            b.add("participants", -3, "none in common");
        else if (!mention.participants().isEmpty() && !stored.participants().isEmpty())
            b.add("participants", -2, "none in common");

        var mentionWords = titleWords(mention.title());
        var storedWords = titleWords(stored.title());
        var mentionNumbers = numbers(mentionWords);
        var storedNumbers = numbers(storedWords);
        if (!mentionNumbers.isEmpty() && !storedNumbers.isEmpty() && !mentionNumbers.equals(storedNumbers)) {
            // "Round 2" and "round 3", "summit 2024" and "summit 2025": numbers in titles tell events apart.
            b.veto("title numbers", mentionNumbers + " vs " + storedNumbers);
            return b.build();
        }
        double dice = dice(mentionWords, storedWords);
        double w = dice >= 0.8 ? 4 : dice >= 0.6 ? 2.5 : dice >= 0.5 ? 1 : dice >= 0.34 ? 0 : dice >= 0.2 ? -2 : -4;
        b.add("title", w, String.format(java.util.Locale.ROOT, "%.2f: %s ~ %s", dice, mention.title(), stored.title()));

        if (mention.location() != null && stored.location() != null) {
            var ml = NameForms.latin(mention.location());
            var sl = NameForms.latin(stored.location());
            if (!ml.isEmpty() && !sl.isEmpty() && (ml.contains(sl) || sl.contains(ml)))
                b.add("location", 1.5, mention.location());
            else b.add("location", -2, mention.location() + " vs " + stored.location());
        }
        if (mention.parentId() != null && stored.parentId() != null) {
            if (mention.parentId().equals(stored.parentId())) b.add("parent", 2, "same parent");
            else b.add("parent", -2, "different parents");
        }
        return b.build();
    }

    private static void date(Score.Builder b, Profile mention, Profile stored) {
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

    private static final Set<String> STOP = Set.of(
            "the", "of", "and", "for", "in", "on", "a", "an", "to", "at", "with", "by", "over", "about", "from", "its",
            "his", "her", "their", "s", "new", "into");

    /** Title words: stop words dropped, light stemming, demonyms and country names as the country ("russian" = russia). */
    Set<String> titleWords(String title) {
        var out = new LinkedHashSet<String>();
        for (var t : NameForms.tokens(title)) {
            if (STOP.contains(t)) continue;
            var entry = gazetteer.byWord(t);
            // "Russia's" folds to "russias": a possessive of a country is the country.
            if (entry == null && t.endsWith("s")) entry = gazetteer.byWord(t.substring(0, t.length() - 1));
            out.add(entry != null ? "@" + entry.id() : ActorScorer.stem(t));
        }
        return out;
    }

    private static Set<String> numbers(Set<String> words) {
        var out = new HashSet<String>();
        for (var w : words) if (!w.isEmpty() && w.chars().allMatch(Character::isDigit)) out.add(w);
        return out;
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        var common = new HashSet<>(a);
        common.retainAll(b);
        return 2.0 * common.size() / (a.size() + b.size());
    }
}
