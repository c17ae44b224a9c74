package org.newsgraph.resolution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Event titles as sets of comparable words, for {@link EventScorer}. A title is folded to its Latin form
 * ({@link NameForms#latin}), stop words go, and each word or phrase becomes one of:
 *
 * <ul>
 *   <li>{@code ~class}: an event-kind word of {@code db/reference/event-words.csv} ("talks", "negotiations",
 *       "summit" are all {@code ~meeting}; "war", "invasion", "military operation" {@code ~war}), so outlets'
 *       different words for one kind of event agree;
 *   <li>{@code @entry}: a country or organization of the gazetteer, by any of its names or demonyms ("Russian",
 *       "Russia's", "the Kremlin");
 *   <li>a number: digits, or an ordinal ("second" is {@code 2});
 *   <li>otherwise the word, lightly stemmed.
 * </ul>
 *
 * <p>Two titles are compared as word sets (Dice coefficient), where words of one title that the other event
 * states elsewhere (one of its participants, its location, its kind, the year of its date) are left out rather
 * than counted against the pair: "Helena Voss in Beira" says who and where, which a title "UN relief chief visits
 * Beira" of an event with that participant does not contradict. Words also match across spellings when one is a
 * long prefix of the other ("recognise" / "recognition", "Ukrainoj" / "Ukraine").
 */
public final class TitleWords {

    private final Gazetteer gazetteer;
    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> prefixes = new HashMap<>();
    private final Map<String, Set<String>> classesOfKind = new HashMap<>();
    private int longestPhrase = 1;

    private static final Set<String> STOP = Set.of(
            "the", "of", "and", "for", "in", "on", "a", "an", "to", "at", "with", "by", "over", "about", "from", "its",
            "his", "her", "their", "s", "new", "into", "near", "after", "amid", "between", "during", "against", "as",
            "is", "are", "be", "was", "were", "will", "makes", "make", "part", "held", "holds", "hold", "o", "v", "na",
            "po", "i", "k", "de", "da", "do", "no", "com", "e", "em", "la", "le", "des", "du", "el", "en", "y");

    private static final Map<String, String> ORDINALS = Map.ofEntries(
            Map.entry("first", "1"),
            Map.entry("second", "2"),
            Map.entry("third", "3"),
            Map.entry("fourth", "4"),
            Map.entry("fifth", "5"),
            Map.entry("sixth", "6"),
            Map.entry("seventh", "7"),
            Map.entry("eighth", "8"),
            Map.entry("ninth", "9"),
            Map.entry("tenth", "10"),
            Map.entry("1st", "1"),
            Map.entry("2nd", "2"),
            Map.entry("3rd", "3"),
            Map.entry("4th", "4"),
            Map.entry("5th", "5"));

    private static volatile TitleWords standard;

    /** The words of {@code db/reference/event-words.csv} with the standard gazetteer, read once. */
    public static TitleWords standard() {
        var t = standard;
        if (t == null) {
            t = read(Gazetteer.standard());
            standard = t;
        }
        return t;
    }

    /** The words of {@code db/reference/event-words.csv} with this gazetteer. */
    public static TitleWords read(Gazetteer gazetteer) {
        try (var in = TitleWords.class.getResourceAsStream("/db/reference/event-words.csv")) {
            if (in == null) throw new IllegalStateException("db/reference/event-words.csv is not on the classpath");
            return parse(gazetteer, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the CSV: a header, then {@code class,kinds,words}, lists split by '|'; a word ending in '*' is a prefix. */
    static TitleWords parse(Gazetteer gazetteer, BufferedReader reader) throws IOException {
        var words = new TitleWords(gazetteer);
        String line = reader.readLine(); // header
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            var f = line.split(",", -1);
            if (f.length != 3)
                throw new IllegalStateException("event-words.csv line " + number + ": 3 fields expected");
            var id = f[0].strip();
            for (var kind : f[1].isBlank() ? new String[0] : f[1].split("\\|"))
                words.classesOfKind
                        .computeIfAbsent(kind.strip(), k -> new HashSet<>())
                        .add(id);
            for (var word : f[2].split("\\|")) {
                if (word.endsWith("*")) {
                    words.prefixes.put(NameForms.latin(word.substring(0, word.length() - 1)), id);
                } else {
                    var latin = NameForms.latin(word);
                    words.exact.put(latin, id);
                    words.longestPhrase = Math.max(words.longestPhrase, latin.split(" ").length);
                }
            }
        }
        return words;
    }

    private TitleWords(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    private final Map<String, List<String>> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** The comparable words of a title (or a name, or a place), in order, without repeats. */
    public List<String> words(String text) {
        if (text == null) return List.of();
        var cached = cache.get(text);
        if (cached != null) return cached;
        if (cache.size() > 100_000) cache.clear();
        var words = compute(text);
        cache.put(text, words);
        return words;
    }

    private List<String> compute(String text) {
        var tokens = NameForms.tokens(text);
        var out = new LinkedHashSet<String>();
        for (int i = 0; i < tokens.size(); ) {
            int taken = 0;
            for (int n = Math.min(Math.max(longestPhrase, 4), tokens.size() - i); n >= 1 && taken == 0; n--) {
                var phrase = String.join(" ", tokens.subList(i, i + n));
                var cls = exact.get(phrase);
                if (cls == null && n == 1) cls = prefixClass(phrase);
                if (cls != null) {
                    out.add("~" + cls);
                    taken = n;
                } else if (n > 1) {
                    var entry = gazetteer.byName(phrase);
                    // "World Bank's" folds to "world banks": a possessive of a name is the name.
                    if (entry == null && phrase.endsWith("s"))
                        entry = gazetteer.byName(phrase.substring(0, phrase.length() - 1));
                    if (entry != null) {
                        out.add("@" + entry.id());
                        taken = n;
                    }
                }
            }
            if (taken > 0) {
                i += taken;
                continue;
            }
            var t = tokens.get(i++);
            if (STOP.contains(t)) continue;
            var ordinal = ORDINALS.get(t);
            if (ordinal != null) {
                out.add(ordinal);
                continue;
            }
            var entry = gazetteer.byWord(t);
            // "Russia's" folds to "russias": a possessive of a country is the country.
            if (entry == null && t.endsWith("s")) entry = gazetteer.byWord(t.substring(0, t.length() - 1));
            out.add(entry != null ? "@" + entry.id() : OrganizationNames.stem(t));
        }
        return List.copyOf(out);
    }

    private String prefixClass(String token) {
        for (int n = token.length(); n >= 3; n--) {
            var cls = prefixes.get(token.substring(0, n));
            if (cls != null) return cls;
        }
        return null;
    }

    /** The word classes ({@code ~meeting}, ...) that name events of this kind. */
    public Set<String> classesOf(String kind) {
        var out = new HashSet<String>();
        for (var c : classesOfKind.getOrDefault(kind, Set.of())) out.add("~" + c);
        return out;
    }

    /** What an event states besides its title: the words of its participants' names and location, its kind, its year. */
    public Set<String> context(String kind, Collection<String> participantNames, String location, LocalDate startsOn) {
        var out = new HashSet<>(classesOf(kind));
        for (var name : participantNames) out.addAll(words(name));
        if (location != null) out.addAll(words(location));
        if (startsOn != null) out.add(Integer.toString(startsOn.getYear()));
        return out;
    }

    /**
     * Two titles compared: {@code dice} over the words left after each side's words that the other event states
     * elsewhere are set aside; NaN when nothing is left on one side. {@code numbers} are the numbers left on each.
     */
    public record Comparison(
            double dice, int common, Set<String> left, Set<String> right, Set<String> shared, Set<String> continued) {

        public Comparison(double dice, int common, Set<String> left, Set<String> right) {
            this(dice, common, left, right, Set.of(), Set.of());
        }

        public boolean comparable() {
            return !Double.isNaN(dice);
        }

        public Set<String> leftNumbers() {
            return numbers(left);
        }

        public Set<String> rightNumbers() {
            return numbers(right);
        }

        private static Set<String> numbers(Set<String> words) {
            var out = new HashSet<String>();
            for (var w : words) if (digits(w)) out.add(w);
            return out;
        }

        private static boolean digits(String w) {
            if (w.isEmpty()) return false;
            for (int i = 0; i < w.length(); i++) if (!Character.isDigit(w.charAt(i))) return false;
            return true;
        }
    }

    /**
     * The words two titles share that name something rather than say what happened: plain words (names, codes such
     * as "a321neo") count 1, countries and organizations of the gazetteer 0.5, event-kind words nothing. What a
     * translated title keeps of the other's words.
     */
    public static double sharedNames(Comparison c) {
        return sharedNames(c, Set.of());
    }

    /**
     * {@link #sharedNames(Comparison)} without the words of {@code place}: the place both events state is counted
     * once, by their locations, not again as a name their titles keep (every event of one town keeps its name).
     */
    public static double sharedNames(Comparison c, Set<String> place) {
        double n = 0;
        for (var w : c.shared()) {
            if (w.startsWith("~") || w.chars().allMatch(Character::isDigit) || inContext(w, place)) continue;
            // "Lotus Sky" kept by both titles is one name: a word that follows the previous shared one in both
            // titles adds nothing.
            if (c.continued().contains(w)) continue;
            n += w.startsWith("@") ? 0.5 : w.length() >= 3 ? 1 : 0;
        }
        return n;
    }

    public static Comparison compare(List<String> a, List<String> b, Set<String> contextOfA, Set<String> contextOfB) {
        var matchedB = new boolean[b.size()];
        var left = new LinkedHashSet<String>();
        var shared = new LinkedHashSet<String>();
        // shared words that follow the previous word of a in b too: the rest of a name of several words
        var continued = new HashSet<String>();
        int common = 0;
        int previous = -2;
        for (var word : a) {
            int match = -1;
            for (int j = 0; j < b.size() && match < 0; j++) if (!matchedB[j] && same(word, b.get(j))) match = j;
            if (match >= 0) {
                matchedB[match] = true;
                common++;
                left.add(word);
                if (shared.add(word) && match == previous + 1) continued.add(word);
            } else if (!inContext(word, contextOfB)) {
                left.add(word);
            }
            previous = match >= 0 ? match : -2;
        }
        var right = new LinkedHashSet<String>();
        for (int j = 0; j < b.size(); j++) {
            if (matchedB[j] || !inContext(b.get(j), contextOfA)) right.add(b.get(j));
        }
        if (left.isEmpty() || right.isEmpty())
            return new Comparison(Double.NaN, common, left, right, shared, continued);
        return new Comparison(2.0 * common / (left.size() + right.size()), common, left, right, shared, continued);
    }

    /** The words of {@code a} that {@code b} states too (as {@link #compare} matches words). */
    static Set<String> common(Set<String> a, Set<String> b) {
        var out = new HashSet<String>();
        for (var w : a) if (!w.startsWith("~") && inContext(w, b)) out.add(w);
        return out;
    }

    private static boolean inContext(String word, Set<String> context) {
        if (context.contains(word)) return true;
        for (var c : context) if (same(word, c)) return true;
        return false;
    }

    /** Equal, or (plain words of five letters or more) one a long prefix of the other: spellings and inflections. */
    static boolean same(String a, String b) {
        if (a.equals(b)) return true;
        if (a.length() < 5 || b.length() < 5 || !plain(a) || !plain(b)) return false;
        int n = 0;
        int max = Math.min(a.length(), b.length());
        while (n < max && a.charAt(n) == b.charAt(n)) n++;
        return n >= 5 && n >= 0.8 * max;
    }

    private static boolean plain(String w) {
        char c = w.charAt(0);
        return c != '~' && c != '@' && !Character.isDigit(c);
    }

    /** Whether a title is written in another script than Latin (Cyrillic, CJK, ...): by its first letter. */
    public static String script(String title) {
        if (title == null) return null;
        for (int i = 0; i < title.length(); ) {
            int cp = title.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            var s = Character.UnicodeScript.of(cp);
            return s == Character.UnicodeScript.LATIN ? "LATIN" : s.name();
        }
        return null;
    }
}
