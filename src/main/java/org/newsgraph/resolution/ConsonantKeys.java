package org.newsgraph.resolution;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Names compared through their consonants, for the scripts whose romanization a transliterator cannot get right:
 * Arabic script writes no short vowels ("محمدرضا کریمی" is "mhmdrda krymy" to ICU, "Mohammad Reza Karimi" to an
 * English outlet) and katakana adds vowels a foreign name does not have ("エルラン・ジャクスイベコフ" is "eruran
 * jakusuibekofu" for "Yerlan Zhaksybekov"). Both sides are reduced to their consonants in the classes that script
 * keeps apart (Arabic and Persian letters by their sound; katakana without the l/r and v/f distinctions), doubled
 * ones once; two names with the same consonants in the same order, at least {@value #MIN_CONSONANTS} of them, are
 * one name written in two scripts. It is weaker evidence than a shared spelling ({@link PersonNameScorer}).
 */
final class ConsonantKeys {

    static final int MIN_CONSONANTS = 4;

    private ConsonantKeys() {}

    enum Script {
        ARABIC,
        KANA,
        HANGUL,
        OTHER
    }

    /**
     * Hangul letters (conjoining jamo, initial U+1100.., final U+11A8..) by the consonant romanizations write for
     * them: g/k as k, d/t as t, b/p as p, j/ch as c, r/l as l; the silent initial ieung as nothing, its final "ng"
     * as n.
     */
    private static final String[] INITIALS = {
        "k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "", "c", "c", "c", "k", "t", "p", "h"
    };

    private static String jamo(char c) {
        if (c >= 0x1100 && c <= 0x1112) return INITIALS[c - 0x1100];
        return switch (c) {
            case 0x11A8, 0x11A9, 0x11AA, 0x11BF -> "k";
            case 0x11AB, 0x11AC, 0x11AD, 0x11BC -> "n";
            case 0x11AE, 0x11BA, 0x11BB, 0x11BD, 0x11BE, 0x11C0, 0x11C2 -> "t";
            case 0x11AF, 0x11B0, 0x11B1, 0x11B2, 0x11B3, 0x11B4, 0x11B5, 0x11B6 -> "l";
            case 0x11B7 -> "m";
            case 0x11B8, 0x11B9, 0x11C1 -> "p";
            default -> "";
        };
    }

    /** Arabic and Persian letters by sound (ض ذ ظ as z, ث ص as s, ق غ as q); vowels, ع and hamza carry none. */
    private static final Map<Character, String> ARABIC = Map.ofEntries(
            Map.entry('ب', "b"),
            Map.entry('پ', "b"),
            Map.entry('ت', "t"),
            Map.entry('ث', "s"),
            Map.entry('ج', "j"),
            Map.entry('چ', "c"),
            Map.entry('ح', "h"),
            Map.entry('خ', "x"),
            Map.entry('د', "z"),
            Map.entry('ذ', "z"),
            Map.entry('ر', "r"),
            Map.entry('ز', "z"),
            Map.entry('ژ', "j"),
            Map.entry('س', "s"),
            Map.entry('ش', "c"),
            Map.entry('ص', "s"),
            Map.entry('ض', "z"),
            Map.entry('ط', "t"),
            Map.entry('ظ', "z"),
            Map.entry('غ', "q"),
            Map.entry('ف', "f"),
            Map.entry('ق', "q"),
            Map.entry('ک', "k"),
            Map.entry('ك', "k"),
            Map.entry('گ', "j"),
            Map.entry('ل', "l"),
            Map.entry('م', "m"),
            Map.entry('ن', "n"),
            Map.entry('ه', "h"),
            Map.entry('ة', ""));

    private static final Set<String> ARABIC_PARTICLES = Set.of("بن", "ابن", "بنت");

    private static final ThreadLocal<Transliterator> KATAKANA =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Hiragana-Katakana; Katakana-Latin; Latin-ASCII"));

    static Script script(String name) {
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            var s = Character.UnicodeScript.of(cp);
            if (s == Character.UnicodeScript.ARABIC) return Script.ARABIC;
            if (s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HIRAGANA) return Script.KANA;
            if (s == Character.UnicodeScript.HANGUL) return Script.HANGUL;
            if (Character.isLetter(cp) && s != Character.UnicodeScript.COMMON) return Script.OTHER;
        }
        return Script.OTHER;
    }

    /**
     * Whether one name is in Arabic script or kana, the other in Latin or Cyrillic letters, and both have the same
     * consonants (the Latin name in either order of given name and surname).
     */
    static boolean same(String a, String b) {
        var sa = script(a);
        var sb = script(b);
        if (sa == sb || (sa != Script.OTHER && sb != Script.OTHER)) return false;
        var nativeName = sa == Script.OTHER ? b : a;
        var romanized = sa == Script.OTHER ? a : b;
        var mode = sa == Script.OTHER ? sb : sa;
        if (NameForms.isCjk(romanized)) return false;
        var key = nativeKey(nativeName, mode);
        if (key.length() < MIN_CONSONANTS) return false;
        for (var k : romanizedKeys(romanized, mode)) if (k.equals(key)) return true;
        return false;
    }

    private static String nativeKey(String name, Script mode) {
        var out = new StringBuilder();
        if (mode == Script.ARABIC) {
            for (var word : NameForms.clean(name).split("[\\s\\-\u200c]+")) {
                if (ARABIC_PARTICLES.contains(word)) continue;
                if (word.startsWith("ال") && word.length() > 3) word = word.substring(2);
                for (int i = 0; i < word.length(); i++) {
                    var c = ARABIC.get(word.charAt(i));
                    if (c != null) out.append(c);
                }
            }
            return collapse(out.toString());
        }
        if (mode == Script.HANGUL) {
            var jamo = java.text.Normalizer.normalize(NameForms.clean(name), java.text.Normalizer.Form.NFD);
            for (int i = 0; i < jamo.length(); i++) out.append(jamo(jamo.charAt(i)));
            return collapse(out.toString());
        }
        return consonants(NameForms.latin(KATAKANA.get().transliterate(NameForms.clean(name))), mode);
    }

    /** The romanized name's consonants, given name first and surname first. */
    private static Set<String> romanizedKeys(String name, Script mode) {
        var p = NameForms.person(name);
        var keys = new LinkedHashSet<String>();
        if (p.surname().isEmpty()) return keys;
        var parts = new ArrayList<String>();
        if (p.hasGiven()) parts.add(p.given());
        parts.addAll(p.middle());
        keys.add(consonants(String.join(" ", parts) + " " + p.surname(), mode));
        keys.add(consonants(p.surname() + " " + String.join(" ", parts), mode));
        if (mode == Script.HANGUL) {
            // An initial r/l that Hangul does not write ("Lee" / 이, "Ryu" / 유, "Rhee" / 이).
            var words = new ArrayList<String>();
            for (var w : NameForms.tokens(String.join(" ", parts) + " " + p.surname()))
                words.add(w.length() > 1 && (w.charAt(0) == 'l' || w.charAt(0) == 'r') ? w.substring(1) : w);
            keys.add(consonants(String.join(" ", words), mode));
            java.util.Collections.rotate(words, 1);
            keys.add(consonants(String.join(" ", words), mode));
        }
        return keys;
    }

    /** The consonant classes of a romanized (Latin, lower-case) text as {@code mode}'s script would write them. */
    static String consonants(String latin, Script mode) {
        var out = new StringBuilder();
        for (var word : NameForms.tokens(latin)) out.append(wordConsonants(word, mode));
        return collapse(out.toString());
    }

    private static String wordConsonants(String t, Script mode) {
        if (mode == Script.HANGUL) return hangulConsonants(t);
        t = t.replace("kh", "x")
                .replace("sh", "c")
                .replace("ch", "c")
                .replace("zh", "j")
                .replace("ph", "f");
        if (mode == Script.ARABIC) {
            t = t.replace("gh", "q").replace("dh", "z").replace("th", "s");
            t = t.replace('d', 'z').replace('p', 'b').replace('g', 'j').replace('v', 'w');
        } else {
            t = t.replace("th", "s").replace("ck", "k").replace('x', 'h');
            t = t.replace('l', 'r').replace('v', 'f').replace('c', 's').replace('q', 'k');
        }
        var out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ("aeiouyw".indexOf(c) >= 0) continue;
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A romanized Korean name word in the classes of {@link #jamo}: "ng" as n, an r or h after a vowel and before a
     * consonant or the end as nothing ("Park" / 박, "Ahn" / 안, "Oh" / 오), "sh" as s.
     */
    private static String hangulConsonants(String t) {
        t = t.replace("ng", "n")
                .replace("ch", "c")
                .replace("sh", "s")
                .replace("kk", "k")
                .replace("tt", "t");
        var out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean afterVowel = i > 0 && "aeiouwy".indexOf(t.charAt(i - 1)) >= 0;
            boolean beforeVowel = i + 1 < t.length() && "aeiouwy".indexOf(t.charAt(i + 1)) >= 0;
            if ((c == 'r' || c == 'h') && afterVowel && !beforeVowel) continue;
            char k = switch (c) {
                case 'g', 'k', 'q' -> 'k';
                case 'd', 't' -> 't';
                case 'b', 'p', 'f', 'v' -> 'p';
                case 'j', 'c', 'z' -> 'c';
                case 'r', 'l' -> 'l';
                case 's', 'x' -> 's';
                case 'm', 'n', 'h' -> c;
                default -> 0;
            };
            if (k != 0) out.append(k);
        }
        return out.toString();
    }

    private static String collapse(String s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) if (i == 0 || s.charAt(i) != s.charAt(i - 1)) out.append(s.charAt(i));
        return out.toString();
    }

    /**
     * A candidate key of one name word, in consonant classes coarse enough for every script above (b p f v; d t z s
     * c; g j k q x; l r; vowels, w and y left out), or null when it has fewer than three.
     */
    static String blockingKey(String word, Script script) {
        String t;
        if (script == Script.ARABIC) {
            var sb = new StringBuilder();
            var w = word.startsWith("ال") && word.length() > 3 ? word.substring(2) : word;
            for (int i = 0; i < w.length(); i++) {
                var c = ARABIC.get(w.charAt(i));
                if (c != null) sb.append(c);
            }
            t = sb.toString();
        } else if (script == Script.KANA) {
            t = NameForms.latin(KATAKANA.get().transliterate(word)).replace(" ", "");
        } else {
            t = NameForms.latin(word).replace(" ", "");
        }
        t = t.replace("kh", "k")
                .replace("sh", "s")
                .replace("ch", "s")
                .replace("zh", "j")
                .replace("th", "t");
        t = t.replace("ph", "f").replace("gh", "g").replace("dh", "d");
        var out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            char k = switch (c) {
                case 'b', 'p', 'f', 'v' -> 'b';
                case 'd', 't', 'z', 's', 'c' -> 't';
                case 'g', 'j', 'k', 'q', 'x' -> 'k';
                case 'l', 'r' -> 'r';
                case 'm', 'n', 'h' -> c;
                default -> 0;
            };
            if (k != 0 && (out.length() == 0 || out.charAt(out.length() - 1) != k)) out.append(k);
        }
        return out.length() >= 3 ? out.toString() : null;
    }
}
