package org.newsgraph.resolution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Countries, international organizations and a few seats of government with the names and short forms news
 * uses for them ("Britain", "UK", "Great Britain"; "the Kremlin"), their demonyms, ISO codes and Wikidata IDs
 * where known. The data is {@code db/reference/gazetteer.csv} (on the classpath as
 * {@code db/reference/gazetteer.csv}); names are matched in their {@link NameForms#latin} form.
 */
public final class Gazetteer {

    /** One entry: {@code kind} is COUNTRY, ORGANIZATION, GOVERNMENT_BODY or MINISTRY. */
    public record Entry(
            String id,
            String kind,
            String wikidataId,
            String iso2,
            String iso3,
            List<String> names,
            List<String> demonyms,
            List<String> capitals) {
        public Entry(
                String id,
                String kind,
                String wikidataId,
                String iso2,
                String iso3,
                List<String> names,
                List<String> demonyms) {
            this(id, kind, wikidataId, iso2, iso3, names, demonyms, List.of());
        }
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byName = new HashMap<>();
    private final Map<String, Entry> byDemonym = new HashMap<>();
    private final Map<String, Entry> byWikidata = new HashMap<>();
    private final Map<String, Entry> byCapital = new HashMap<>();

    /** Countries' names in scripts written without spaces, longest first, with their entry's ID. */
    private final Map<String, String> unspacedCountryNames;

    Gazetteer(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (var entry : entries) {
            for (var name : entry.names()) byName.putIfAbsent(NameForms.latin(name), entry);
        }
        var unspaced = new java.util.TreeMap<String, String>(
                java.util.Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
        for (var entry : entries) {
            if (!"COUNTRY".equals(entry.kind())) continue;
            for (var name : entry.names()) {
                var cleaned = NameForms.clean(name);
                if (cleaned.codePointCount(0, cleaned.length()) >= 2
                        && cleaned.codePoints().allMatch(cp -> unspaced(Character.UnicodeScript.of(cp))))
                    unspaced.putIfAbsent(cleaned, entry.id());
            }
        }
        this.unspacedCountryNames = java.util.Collections.unmodifiableMap(unspaced);
        // The same names without a leading "the" and with their letters joined ("the U.K." = "UK").
        for (var entry : entries) {
            for (var name : entry.names()) byName.putIfAbsent(lookupForm(NameForms.latin(name)), entry);
            for (var demonym : entry.demonyms()) byDemonym.putIfAbsent(NameForms.latin(demonym), entry);
            if (entry.wikidataId() != null) byWikidata.put(entry.wikidataId(), entry);
            for (var capital : entry.capitals()) byCapital.putIfAbsent(NameForms.latin(capital), entry);
        }
    }

    private static volatile Gazetteer standard;

    /** The gazetteer of {@code db/reference/gazetteer.csv}, read once. */
    public static Gazetteer standard() {
        var g = standard;
        if (g == null) {
            try (var in = Gazetteer.class.getResourceAsStream("/db/reference/gazetteer.csv")) {
                if (in == null) throw new IllegalStateException("db/reference/gazetteer.csv is not on the classpath");
                g = withCountryNamesOfLocales(
                        parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = g;
        }
        return g;
    }

    /**
     * Reads the CSV: a header, then {@code id,kind,wikidata_id,iso2,iso3,names,demonyms[,capitals]}, lists split by
     * '|'. A capital stands for its country only where an actor of kind COUNTRY is named so ("Washington said").
     */
    static Gazetteer parse(BufferedReader reader) throws IOException {
        var entries = new ArrayList<Entry>();
        String line = reader.readLine(); // header
        int number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            var f = line.split(",", -1);
            if (f.length != 7 && f.length != 8)
                throw new IllegalStateException("gazetteer.csv line " + number + ": 7 or 8 fields expected");
            entries.add(new Entry(
                    f[0],
                    f[1],
                    blank(f[2]),
                    blank(f[3]),
                    blank(f[4]),
                    list(f[5]),
                    list(f[6]),
                    f.length == 8 ? list(f[7]) : List.of()));
        }
        return new Gazetteer(entries);
    }

    /**
     * The languages whose names of countries (ICU's locale data, by ISO code) are added to every COUNTRY entry: the
     * languages news is written in, so that "Azerbaycan", "Азербайджан", "アゼルバイジャン" and "Moçambique" denote
     * their country without a table of our own.
     */
    static final List<String> LANGUAGES = List.of(
            "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "ga",
            "he", "hi", "hr", "hu", "hy", "id", "it", "ja", "ka", "kk", "ko", "ky", "lt", "lv", "mk", "mn", "ms", "nb",
            "nl", "pl", "ps", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "tg", "th", "tk", "tr", "uk", "ur",
            "uz", "vi", "zh", "zh_Hant");

    /**
     * The entries with, for each COUNTRY with an ISO code, its name in each of {@link #LANGUAGES} added after its
     * own names (a name another entry already has stays that entry's).
     */
    static Gazetteer withCountryNamesOfLocales(Gazetteer g) {
        var taken = new java.util.HashSet<String>();
        for (var e : g.entries) for (var n : e.names()) taken.add(NameForms.latin(n));
        var out = new ArrayList<Entry>();
        for (var e : g.entries) {
            if (!"COUNTRY".equals(e.kind()) || e.iso2() == null) {
                out.add(e);
                continue;
            }
            var names = new java.util.LinkedHashSet<>(e.names());
            var own = new java.util.HashSet<String>();
            for (var n : e.names()) own.add(NameForms.latin(n));
            var region = new com.ibm.icu.util.ULocale("und_" + e.iso2());
            for (var language : LANGUAGES) {
                var name = region.getDisplayCountry(new com.ibm.icu.util.ULocale(language));
                var key = NameForms.latin(name);
                if (name.isBlank() || name.equals(e.iso2()) || key.isEmpty()) continue;
                if (own.contains(key) || !taken.add(key)) continue;
                own.add(key);
                names.add(name);
            }
            out.add(new Entry(
                    e.id(),
                    e.kind(),
                    e.wikidataId(),
                    e.iso2(),
                    e.iso3(),
                    List.copyOf(names),
                    e.demonyms(),
                    e.capitals()));
        }
        return new Gazetteer(out);
    }

    private static String blank(String s) {
        return s.isBlank() ? null : s.trim();
    }

    private static List<String> list(String s) {
        return s.isBlank() ? List.of() : List.of(s.split("\\|"));
    }

    /** Scripts written without spaces between words: a name is found inside a run of letters. */
    static boolean unspaced(Character.UnicodeScript script) {
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }

    /** The names of countries written in {@link #unspaced} scripts ("越南", "ベトナム", "ไทย"), longest first. */
    Map<String, String> unspacedCountryNames() {
        return unspacedCountryNames;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry a name (in any form) denotes, or null. */
    public Entry byName(String name) {
        var latin = NameForms.latin(name);
        var e = byName.get(latin);
        return e != null ? e : byName.get(lookupForm(latin));
    }

    /** Without a leading "the", single letters joined: "the u k" -> "uk", "u s a" -> "usa". */
    static String lookupForm(String latin) {
        var words = new ArrayList<>(List.of(latin.split(" ")));
        if (words.size() > 1 && words.get(0).equals("the")) words.remove(0);
        var out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            var w = words.get(i);
            boolean letter = w.length() == 1;
            boolean previousLetter = i > 0 && words.get(i - 1).length() == 1;
            if (i > 0 && !(letter && previousLetter)) out.append(' ');
            out.append(w);
        }
        return out.toString();
    }

    public Entry byWikidata(String wikidataId) {
        return wikidataId == null ? null : byWikidata.get(wikidataId);
    }

    /** The country a demonym or a name word denotes ("russian" -> Russia), for folding event titles; or null. */
    public Entry byWord(String latinWord) {
        var e = byDemonym.get(latinWord);
        return e != null ? e : byName.get(latinWord);
    }

    private static final Map<String, Set<String>> KINDS = Map.of(
            "COUNTRY", Set.of("COUNTRY", "GOVERNMENT_BODY"),
            "ORGANIZATION", Set.of("ORGANIZATION", "GOVERNMENT_BODY", "GROUP"),
            "GOVERNMENT_BODY", Set.of("GOVERNMENT_BODY", "ORGANIZATION", "MINISTRY"),
            "MINISTRY", Set.of("MINISTRY", "GOVERNMENT_BODY", "ORGANIZATION"));

    /** The entry an actor of this kind and name denotes: the name must be one of the entry's and the kind fit. */
    public Entry denoted(String actorKind, String name, String wikidataId) {
        var entry = byWikidata(wikidataId);
        if (entry == null) entry = byName(name);
        if (entry == null && "COUNTRY".equals(actorKind)) {
            // A country named by its capital ("Washington", "Beijing") or its people ("the Saudis").
            var latin = NameForms.latin(name);
            if (latin.startsWith("the ")) latin = latin.substring(4);
            entry = byCapital.get(latin);
            if (entry == null) {
                var people = byDemonym.get(latin);
                if (people != null && "COUNTRY".equals(people.kind())) entry = people;
            }
        }
        if (entry == null) return null;
        return KINDS.getOrDefault(entry.kind(), Set.of()).contains(actorKind) ? entry : null;
    }
}
