package org.newsgraph.utterance;

import java.text.Normalizer;
import java.util.Arrays;
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
        // as (" " + longer + " ").contains(" " + shorter + " "), without building the two strings per pair
        if (shorter.isEmpty())
            return longer.contains("  ") || longer.isEmpty() || longer.startsWith(" ") || longer.endsWith(" ");
        for (int at = longer.indexOf(shorter); at >= 0; at = longer.indexOf(shorter, at + 1)) {
            int end = at + shorter.length();
            if ((at == 0 || longer.charAt(at - 1) == ' ') && (end == longer.length() || longer.charAt(end) == ' '))
                return true;
        }
        return false;
    }

    /** Jaccard similarity of the character trigrams (the measure of PostgreSQL's pg_trgm), 0..1. */
    static double similarity(String a, String b) {
        return similarity(trigrams(a), trigrams(b));
    }

    /** {@link #similarity(String, String)} of two texts by their {@link #trigrams}. */
    static double similarity(long[] x, long[] y) {
        if (x.length == 0 && y.length == 0) return 1;
        int common = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) i++;
            else j++;
        }
        return (double) common / (x.length + y.length - common);
    }

    /** The distinct character trigrams of the padded words, each three chars packed in a long, in order. */
    static long[] trigrams(String words) {
        var padded = "  " + words + " ";
        var grams = new long[Math.max(0, padded.length() - 2)];
        for (int i = 0; i + 3 <= padded.length(); i++)
            grams[i] = ((long) padded.charAt(i) << 32) | ((long) padded.charAt(i + 1) << 16) | padded.charAt(i + 2);
        Arrays.sort(grams);
        int distinct = 0;
        for (int i = 0; i < grams.length; i++) if (i == 0 || grams[i] != grams[i - 1]) grams[distinct++] = grams[i];
        return Arrays.copyOf(grams, distinct);
    }

    /**
     * The trigrams of one report's words, worked out when first asked and kept with the report: a report is compared
     * with a speaker's whole pool, and most reports of a pool are never compared by similarity at all. (A cache by
     * text cost a hash of the whole text per comparison, and was cleared again and again by a large import.)
     */
    static final class Grams {
        private final String words;
        private long[] grams;

        Grams(String words) {
            this.words = words;
        }

        long[] get() {
            var g = grams;
            if (g == null) grams = g = trigrams(words);
            return g;
        }

        /** Derived from the words: two reports of equal words are equal whether or not either was compared yet. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Grams g && g.words.equals(words);
        }

        @Override
        public int hashCode() {
            return words.hashCode();
        }

        @Override
        public String toString() {
            return "Grams[" + words + "]";
        }
    }
}
