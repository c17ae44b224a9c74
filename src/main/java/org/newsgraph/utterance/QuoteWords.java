package org.newsgraph.utterance;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsgraph.statement.StatementKind;

/**
 * The words of a report that are compared with other reports: for a partial quote the quoted words, for a
 * direct quote or a paraphrase the whole text, normalized so that two outlets' renderings of the same words
 * are equal: case, accents, quotation marks and punctuation, brackets ("(Putin) had" = "Putin had"),
 * British spelling ("recognise" = "recognize", "favour" = "favor").
 */
final class QuoteWords {

    private QuoteWords() {}

    private static final Pattern QUOTED = Pattern.compile(
            "[\"\u201C\u201D\u201E\u00AB\u00BB]([^\"\u201C\u201D\u201E\u00AB\u00BB]+)[\"\u201C\u201D\u201E\u00AB\u00BB]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern ISE = Pattern.compile("is(e|ed|es|ing|ation|ations)$");

    /** The words to compare, normalized; empty when the text has none. */
    static String of(String text, StatementKind kind) {
        if (kind == StatementKind.PARTIAL_QUOTE) {
            var quoted = longestQuotation(text);
            if (quoted != null) return normalize(quoted);
        }
        return normalize(text);
    }

    /** The longest passage in quotation marks, or null if there is none. */
    static String longestQuotation(String text) {
        Matcher m = QUOTED.matcher(text);
        String longest = null;
        while (m.find()) {
            var passage = m.group(1);
            if (!WORD.matcher(passage).find()) continue;
            if (longest == null || passage.length() > longest.length()) longest = passage;
        }
        return longest;
    }

    static String normalize(String text) {
        var decomposed = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFKD);
        var words = new StringBuilder();
        Matcher m = WORD.matcher(decomposed.replaceAll("\\p{M}+", ""));
        while (m.find()) {
            var word = american(m.group());
            if (!words.isEmpty()) words.append(' ');
            words.append(word);
        }
        return words.toString();
    }

    /** British to American spelling, the same way on both sides (a rare collision only joins two spellings). */
    private static String american(String word) {
        if (word.length() <= 4) return word;
        var ise = ISE.matcher(word);
        if (ise.find()) return word.substring(0, ise.start()) + "iz" + ise.group(1);
        if (word.endsWith("our")) return word.substring(0, word.length() - 3) + "or";
        return word;
    }

    static int wordCount(String words) {
        return words.isEmpty() ? 0 : words.split(" ").length;
    }

    /** Whether {@code shorter} occurs in {@code longer} as whole words. */
    static boolean contains(String longer, String shorter) {
        return (" " + longer + " ").contains(" " + shorter + " ");
    }

    /** Jaccard similarity of the character trigrams (the measure of PostgreSQL's pg_trgm), 0..1. */
    static double similarity(String a, String b) {
        var x = trigrams(a);
        var y = trigrams(b);
        if (x.isEmpty() && y.isEmpty()) return 1;
        int common = 0;
        for (var t : x) if (y.contains(t)) common++;
        return (double) common / (x.size() + y.size() - common);
    }

    private static Set<String> trigrams(String words) {
        var padded = "  " + words + " ";
        var grams = new HashSet<String>();
        for (int i = 0; i + 3 <= padded.length(); i++) grams.add(padded.substring(i, i + 3));
        return grams;
    }
}
