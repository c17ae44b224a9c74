package org.newsgraph.resolution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words bodies are named with, in the languages of the news, each folded to one concept
 * ({@code db/reference/organization-words.csv}): "Ministerium", "ministère", "министерства", "υπουργείο", "省" are
 * all {@code #ministry}. A name's concepts say which body it is across languages where its words cannot
 * ("Gericht der Europäischen Union" and "欧盟普通法院" have the concepts of "General Court of the European Union"
 * but one word in common with it at most). General vocabulary only, as data.
 */
final class OrganizationWords {

    private record CjkForm(String text, List<String> concepts, boolean atEnd) {}

    /** Latin forms of one word, or of several words joined by a space. */
    private final Map<String, List<String>> exact = new HashMap<>();
    /** Stems by their first three letters, longest first. */
    private final Map<String, List<Map.Entry<String, List<String>>>> stems = new HashMap<>();
    /** Forms in Han, kana or Hangul, longest first. */
    private final List<CjkForm> cjk = new ArrayList<>();

    private int longestPhrase = 1;

    private static volatile OrganizationWords standard;

    static OrganizationWords standard() {
        var w = standard;
        if (w == null) {
            try (var in = OrganizationWords.class.getResourceAsStream("/db/reference/organization-words.csv")) {
                if (in == null)
                    throw new IllegalStateException("db/reference/organization-words.csv is not on the classpath");
                w = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = w;
        }
        return w;
    }

    /** Reads {@code concept,forms}: a header, then lines; '#' starts a comment line; forms split by '|'. */
    static OrganizationWords parse(BufferedReader reader) throws IOException {
        var out = new OrganizationWords();
        reader.readLine(); // header
        int number = 1;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.isBlank() || line.startsWith("#")) continue;
            var f = line.split(",", -1);
            if (f.length != 2)
                throw new IllegalStateException("organization-words.csv line " + number + ": 2 fields expected");
            List<String> concepts = f[0].trim().equals("-")
                    ? List.of()
                    : Arrays.stream(f[0].trim().split(" ")).map(c -> "#" + c).toList();
            for (var form : f[1].split("\\|")) out.add(form.trim(), concepts);
        }
        out.cjk.sort(Comparator.comparingInt((CjkForm c) -> -c.text().length()));
        for (var list : out.stems.values())
            list.sort(Comparator.comparingInt(
                    (Map.Entry<String, List<String>> e) -> -e.getKey().length()));
        return out;
    }

    private void add(String form, List<String> concepts) {
        if (form.isEmpty()) return;
        boolean atEnd = form.startsWith("~");
        if (atEnd) form = form.substring(1);
        boolean stem = form.endsWith("*");
        if (stem) form = form.substring(0, form.length() - 1);
        if (isCjk(form)) {
            cjk.add(new CjkForm(NameForms.clean(form), concepts, atEnd));
            return;
        }
        var latin = NameForms.latin(form);
        if (latin.isEmpty()) return;
        if (stem && latin.length() >= 3 && !latin.contains(" ")) {
            stems.computeIfAbsent(latin.substring(0, 3), k -> new ArrayList<>()).add(Map.entry(latin, concepts));
        } else {
            exact.putIfAbsent(latin, concepts);
            longestPhrase = Math.max(longestPhrase, latin.split(" ").length);
        }
    }

    /**
     * The concepts of a name, in order: a vocabulary word gives its concepts, a country's name or demonym the
     * country's gazetteer ID, any other word its stem (words that say nothing are left out; in Han, kana or Hangul,
     * what lies between vocabulary words is one word).
     */
    Set<String> concepts(String name, Gazetteer gazetteer) {
        var out = new LinkedHashSet<String>();
        var latinRun = new StringBuilder();
        // A possessive is its noun ("Thailand's Ministry"); elided articles are words of their own ("l'Union").
        var cleaned = NameForms.clean(name).replaceAll("(?<=\\p{L})['\u2019]s\\b", "");
        for (var part : cleaned.replaceAll("['\u2019]", " ").split(" ")) {
            if (!isCjk(part)) {
                latinRun.append(part).append(' ');
                continue;
            }
            latinWords(NameForms.tokens(latinRun.toString()), gazetteer, out);
            latinRun.setLength(0);
            cjkWords(part, gazetteer, out);
        }
        latinWords(NameForms.tokens(latinRun.toString()), gazetteer, out);
        return out;
    }

    private void latinWords(List<String> tokens, Gazetteer gazetteer, Set<String> out) {
        for (int i = 0; i < tokens.size(); ) {
            int taken = 0;
            for (int n = Math.min(Math.max(longestPhrase, 3), tokens.size() - i); n >= 1 && taken == 0; n--) {
                var phrase = String.join(" ", tokens.subList(i, i + n));
                var concepts = exact.get(phrase);
                if (concepts != null) {
                    out.addAll(concepts);
                    taken = n;
                } else if (n > 1) {
                    // A country of several words ("Viet Nam", "South Africa").
                    var entry = gazetteer.byName(phrase);
                    if (entry != null && "COUNTRY".equals(entry.kind())) {
                        out.add(entry.id());
                        taken = n;
                    }
                }
            }
            if (taken > 0) {
                i += taken;
                continue;
            }
            var t = tokens.get(i++);
            var stem = stemOf(t);
            if (stem != null) {
                out.addAll(stem);
                continue;
            }
            if (NameForms.ORG_FORMS.contains(t)) continue;
            var country = country(gazetteer, t);
            out.add(country != null ? country.id() : OrganizationNames.stem(t));
        }
    }

    /**
     * The country a word of a body's name names (its name or demonym), also with an inflected ending of one vowel
     * ("Казахстана" -> "kazakhstana" -> Kazakhstan); or null.
     */
    static Gazetteer.Entry country(Gazetteer gazetteer, String token) {
        var e = gazetteer.byWord(token);
        if (e == null && token.length() >= 6 && "aeiouy".indexOf(token.charAt(token.length() - 1)) >= 0)
            e = gazetteer.byWord(token.substring(0, token.length() - 1));
        // A possessive: "Vietnam's" folds to "vietnams".
        if (e == null && token.length() >= 5 && token.endsWith("s"))
            e = gazetteer.byWord(token.substring(0, token.length() - 1));
        return e != null && "COUNTRY".equals(e.kind()) ? e : null;
    }

    private List<String> stemOf(String token) {
        if (token.length() < 3) return null;
        for (var e : stems.getOrDefault(token.substring(0, 3), List.of()))
            if (token.startsWith(e.getKey())) return e.getValue();
        return null;
    }

    /**
     * A word in a script written without spaces (Han, kana, Hangul, Thai): vocabulary words and countries' names
     * found inside it, the longest first; what is left between them is a word.
     */
    private void cjkWords(String word, Gazetteer gazetteer, Set<String> out) {
        var unknown = new StringBuilder();
        var countries = gazetteer.unspacedCountryNames();
        for (int i = 0; i < word.length(); ) {
            CjkForm found = null;
            for (var f : cjk) {
                if (word.startsWith(f.text(), i) && (!f.atEnd() || i + f.text().length() == word.length())) {
                    found = f;
                    break;
                }
            }
            if (found == null) {
                // "越南民航局": the country's name, then the words.
                String country = null;
                for (var c : countries.keySet()) {
                    if (word.startsWith(c, i)) {
                        country = c;
                        break;
                    }
                }
                if (country != null) {
                    flush(unknown, gazetteer, out);
                    out.add(countries.get(country));
                    i += country.length();
                    continue;
                }
            }
            if (found == null) {
                int cp = word.codePointAt(i);
                unknown.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            flush(unknown, gazetteer, out);
            out.addAll(found.concepts());
            i += found.text().length();
        }
        flush(unknown, gazetteer, out);
    }

    private static void flush(StringBuilder unknown, Gazetteer gazetteer, Set<String> out) {
        if (unknown.isEmpty()) return;
        var text = unknown.toString();
        unknown.setLength(0);
        var entry = gazetteer.byName(text);
        if (entry != null && "COUNTRY".equals(entry.kind())) {
            out.add(entry.id());
            return;
        }
        var latin = NameForms.latin(text).replace(" ", "");
        if (!latin.isEmpty()) out.add(latin);
    }

    /** Whether the text has a letter of a script whose words are found inside runs: Han, kana, Hangul, Thai, ... */
    static boolean isCjk(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Gazetteer.unspaced(Character.UnicodeScript.of(cp))) return true;
        }
        return false;
    }
}
