package org.newsgraph.resolution;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The forms a name is compared in. {@link #clean} is what gets stored: invisible format characters (zero-width
 * space, joiners, soft hyphen, bidi marks) removed, compatibility forms folded (NFKC), white space collapsed.
 * {@link #latin} is the comparison form: any script transliterated to Latin (ICU), accents and case folded,
 * every run of non-letters and non-digits one space. {@link #skeleton} folds one Latin token further, across
 * the usual romanizations of East Slavic names (y/i/iy/yy/ij, leading ye/e, w/v, kh/h, doubled letters), so
 * that "Zelenskiy", "Zelenskyy" and "Zelensky" share one skeleton; it is evidence, never an identity.
 */
public final class NameForms {

    private NameForms() {}

    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    /** The name as it is stored: without invisible format characters, NFKC, single spaces, trimmed. */
    public static String clean(String name) {
        if (name == null) return null;
        var out = new StringBuilder(name.length());
        var normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        boolean space = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.CONTROL && !Character.isWhitespace(cp)) continue;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) out.append(' ');
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Latin letters and digits in lower case, words separated by one space ("Володимир Зеленський" -> "volodimir zelenskij"). */
    public static String latin(String name) {
        if (name == null) return "";
        var cleaned = clean(name);
        boolean ascii = cleaned.chars().allMatch(c -> c < 128);
        var latin = ascii ? cleaned : TO_LATIN.get().transliterate(cleaned);
        var out = new StringBuilder(latin.length());
        boolean space = false;
        for (int i = 0; i < latin.length(); i++) {
            char c = Character.toLowerCase(latin.charAt(i));
            if (c == '\'' || c == '\u2019' || c == '\u02bc' || c == '`') continue; // soft signs, apostrophes
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (space && out.length() > 0) out.append(' ');
                space = false;
                out.append(c);
            } else {
                space = true;
            }
        }
        return out.toString();
    }

    /** The words of {@link #latin}. */
    public static List<String> tokens(String name) {
        var latin = latin(name);
        return latin.isEmpty() ? List.of() : List.of(latin.split(" "));
    }

    /** One token folded across romanizations: "yermak" -> "ermak", "zelenskyy" -> "zelenski", "andriy" -> "andri". */
    public static String skeleton(String token) {
        var t = token.toLowerCase(Locale.ROOT);
        t = t.replace("kh", "h")
                .replace("w", "v")
                .replace("ph", "f")
                .replace("x", "ks")
                .replace("ck", "k");
        t = t.replace("tch", "ch").replace("q", "k").replace("th", "t");
        // Russian renders an English w as u before a vowel ("Уиткофф" = Witkoff, "Уолтер" = Walter).
        if (t.length() > 3 && t.charAt(0) == 'u' && "aeiou".indexOf(t.charAt(1)) >= 0) t = "v" + t.substring(1);
        // Word-final glides: -iy, -yy, -ij, -ii, -yi, -ei, -ey, -ej are one sound class.
        for (var ending : List.of("iy", "yy", "ij", "ii", "yi", "ei", "ey", "ej", "yj", "ai", "ay")) {
            if (t.length() > ending.length() + 2 && t.endsWith(ending)) {
                t = t.substring(0, t.length() - ending.length()) + (ending.charAt(0) == 'a' ? "ai" : "i");
                break;
            }
        }
        if (t.startsWith("ye") || t.startsWith("ie")) t = t.substring(1);
        t = t.replace("ei", "i").replace("ey", "i");
        if (t.length() > 4 && t.endsWith("e")) t = t.substring(0, t.length() - 1);
        if (t.startsWith("yu") || t.startsWith("iu")) t = "u" + t.substring(2);
        if (t.startsWith("ya") || t.startsWith("ia")) t = "a" + t.substring(2);
        t = t.replace('y', 'i').replace('j', 'i');
        var out = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (i > 0 && c == t.charAt(i - 1)) continue; // doubled letters
            out.append(c);
        }
        return out.toString();
    }

    /** Words that are titles or forms of address, not part of a person's name (leading ones are dropped). */
    static final Set<String> HONORIFICS = Set.of(
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "dr",
            "prof",
            "professor",
            "sir",
            "dame",
            "lord",
            "lady",
            "sen",
            "senator",
            "rep",
            "representative",
            "gov",
            "governor",
            "gen",
            "general",
            "col",
            "colonel",
            "lt",
            "lieutenant",
            "adm",
            "admiral",
            "president",
            "vice",
            "prime",
            "minister",
            "deputy",
            "foreign",
            "defence",
            "defense",
            "secretary",
            "state",
            "chancellor",
            "king",
            "queen",
            "prince",
            "princess",
            "pope",
            "rev",
            "reverend",
            "father",
            "sheikh",
            "ambassador",
            "envoy",
            "special",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "chief",
            "mayor",
            "judge",
            "justice",
            "premier",
            "chairman",
            "chair",
            "speaker",
            "his",
            "her",
            "excellency",
            "honorable",
            "hon",
            "us",
            "u",
            "s",
            "uk",
            "eu",
            "un",
            "of",
            "the",
            "for");

    static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv", "junior", "senior");

    /**
     * A person's name in parts: given name (may be empty or an initial), surname (the last word), from "Mr.
     * Volodymyr Zelensky", "Zelensky, Volodymyr", "V. Zelensky" alike.
     */
    public record PersonName(String given, String surname) {
        public boolean hasGiven() {
            return !given.isEmpty();
        }

        public boolean givenIsInitial() {
            return given.length() == 1;
        }
    }

    public static PersonName person(String name) {
        var cleaned = clean(name == null ? "" : name);
        int comma = cleaned.indexOf(',');
        if (comma > 0 && cleaned.indexOf(',', comma + 1) < 0) {
            var after = tokens(cleaned.substring(comma + 1));
            var afterNames = after.stream().filter(t -> !SUFFIXES.contains(t)).toList();
            if (!afterNames.isEmpty() && afterNames.size() <= 2) {
                // "Zelensky, Volodymyr": surname first
                cleaned = cleaned.substring(comma + 1) + " " + cleaned.substring(0, comma);
            }
        }
        // A hyphenated given name is one word ("Seo-yeon" = "Seoyeon").
        cleaned = cleaned.replaceAll("(\\p{L})-(\\p{L})", "$1$2");
        var words = new ArrayList<>(tokens(cleaned));
        // Everything up to the last title word is the title ("Kremlin Spokesman Dmitry Peskov").
        for (int i = words.size() - 2; i >= 0; i--) {
            if (HONORIFICS.contains(words.get(i))
                    && !List.of("of", "the", "for", "s", "u").contains(words.get(i))) {
                words.subList(0, i + 1).clear();
                break;
            }
        }
        while (words.size() > 1 && HONORIFICS.contains(words.get(0))) words.remove(0);
        while (words.size() > 1 && SUFFIXES.contains(words.get(words.size() - 1))) words.remove(words.size() - 1);
        if (words.isEmpty()) return new PersonName("", "");
        var surname = words.get(words.size() - 1);
        var given = words.size() > 1 ? words.get(0) : "";
        return new PersonName(given, surname);
    }
}
