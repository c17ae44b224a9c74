package org.newsgraph.utterance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparisons of quoted words, against their plain definitions. */
class QuoteWordsTest {

    private static final List<String> WORDS = List.of(
            "",
            "we",
            "we will",
            "we will see",
            "will see",
            "see we will see",
            "the ceasefire holds",
            "the ceasefire holds for now",
            "ceasefire",
            "cease fire holds",
            "holds the ceasefire holds",
            "aaa aaaa aaa",
            "aaa",
            "россия готова",
            "готова к переговорам россия готова");

    @Test
    void contains_findsTheShorterAsWholeWordsOnly_asASearchInSpacePaddedTextWould() {
        for (var longer : WORDS)
            for (var shorter : WORDS)
                assertThat(QuoteWords.contains(longer, shorter))
                        .as("'%s' in '%s'", shorter, longer)
                        .isEqualTo((" " + longer + " ").contains(" " + shorter + " "));
        assertThat(QuoteWords.contains("we will see", "will see")).isTrue();
        assertThat(QuoteWords.contains("we will seem", "will see")).isFalse();
    }

    @Test
    void similarity_isTheJaccardIndexOfTheCharacterTrigramSets() {
        for (var a : WORDS)
            for (var b : WORDS) {
                var x = trigrams(a);
                var y = trigrams(b);
                var common = new HashSet<>(x);
                common.retainAll(y);
                double expected = (double) common.size() / (x.size() + y.size() - common.size());
                assertThat(QuoteWords.similarity(a, b)).as("'%s' ~ '%s'", a, b).isEqualTo(expected);
            }
        assertThat(QuoteWords.similarity("the ceasefire holds", "the ceasefire holds"))
                .isEqualTo(1.0);
    }

    private static Set<String> trigrams(String words) {
        var padded = "  " + words + " ";
        var grams = new HashSet<String>();
        for (int i = 0; i + 3 <= padded.length(); i++) grams.add(padded.substring(i, i + 3));
        return grams;
    }
}
