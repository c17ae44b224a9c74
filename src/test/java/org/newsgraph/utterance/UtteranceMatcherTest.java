package org.newsgraph.utterance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.statement.StatementKind;

/** Which reports of one speaker are one utterance, by their words and their dates. */
class UtteranceMatcherTest {

    private static UtteranceMatcher.Report report(long id, StatementKind kind, String text, String saidOn) {
        return new UtteranceMatcher.Report(
                id, id, 7, id, kind, QuoteWords.of(text, kind), LocalDate.parse(saidOn), DatePrecision.DAY, Set.of());
    }

    @Test
    void aQuoteOfSixWordsOrMore_reportedTwoDaysLater_isTheSameUtterance_butNotThreeDaysLater() {
        var first = report(
                1,
                StatementKind.DIRECT_QUOTE,
                "Kazakhstan is ready to send the first gas westward by 2030.",
                "2025-10-08");
        var later =
                report(2, StatementKind.PARTIAL_QUOTE, "ready to send the first gas westward by 2030", "2025-10-10");
        var tooLate =
                report(3, StatementKind.PARTIAL_QUOTE, "ready to send the first gas westward by 2030", "2025-10-11");
        assertThat(UtteranceMatcher.link(later, first)).isNotNull();
        assertThat(UtteranceMatcher.link(tooLate, first)).isNull();
    }

    @Test
    void shortQuotesAndParaphrases_reportedTwoDaysApart_stayApart() {
        var first = report(1, StatementKind.DIRECT_QUOTE, "We will see.", "2025-10-08");
        var again = report(2, StatementKind.DIRECT_QUOTE, "We will see.", "2025-10-10");
        assertThat(UtteranceMatcher.link(again, first)).isNull();
        var said = report(
                3, StatementKind.PARAPHRASE, "The ministry will publish the tender rules next month.", "2025-10-08");
        var saidAgain = report(
                4, StatementKind.PARAPHRASE, "The ministry will publish the tender rules next month.", "2025-10-10");
        assertThat(UtteranceMatcher.link(saidAgain, said)).isNull();
        // The next day: as before, the same words link.
        var nextDay = report(5, StatementKind.DIRECT_QUOTE, "We will see.", "2025-10-09");
        assertThat(UtteranceMatcher.link(nextDay, first)).isNotNull();
    }

    @Test
    void datesAreCompatible_exactlyWhenTheirPeriodsWithTheSlackOverlap() {
        var start = LocalDate.parse("2024-02-20");
        for (int i = 0; i < 45; i++)
            for (int j = 0; j < 45; j++)
                for (var pa : DatePrecision.values())
                    for (var pb : DatePrecision.values())
                        for (int slack : new int[] {0, 1, 2}) {
                            var da = start.plusDays(i);
                            var db = start.plusDays(j);
                            var a = new UtteranceMatcher.Report(
                                    1, 1, 7, 1, StatementKind.DIRECT_QUOTE, "a", da, pa, Set.of());
                            var b = new UtteranceMatcher.Report(
                                    2, 2, 7, 2, StatementKind.DIRECT_QUOTE, "a", db, pb, Set.of());
                            boolean expected = !da.isAfter(
                                            UtteranceMatcher.end(db, pb).plusDays(slack))
                                    && !db.isAfter(UtteranceMatcher.end(da, pa).plusDays(slack));
                            assertThat(UtteranceMatcher.compatible(a, b, slack))
                                    .as("%s %s / %s %s, slack %d", da, pa, db, pb, slack)
                                    .isEqualTo(expected);
                        }
    }
}
