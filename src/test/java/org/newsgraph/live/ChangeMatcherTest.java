package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementKind;
import org.newsgraph.statement.StatementOrder;

/** The in-memory side of {@link ChangeMatcher}: the same conditions as its SQL, on the batch's rows. */
class ChangeMatcherTest {

    static Statement statement(long id, long article, long speaker, StatementKind kind, LocalDate saidOn) {
        return new Statement(id, article, speaker, 0, kind, "text", null, null, saidOn, DatePrecision.DAY);
    }

    static StatementFilter.Criteria filter(
            Long speaker, Long article, StatementKind kind, LocalDate from, LocalDate to, String text) {
        return new StatementFilter.Criteria(
                speaker,
                null,
                article,
                kind,
                from,
                to,
                text,
                null,
                null,
                null,
                null,
                null,
                null,
                StatementOrder.NEWEST_FIRST,
                false);
    }

    static final List<Statement> ROWS = List.of(
            statement(1, 10, 100, StatementKind.DIRECT_QUOTE, LocalDate.of(2025, 4, 22)),
            statement(2, 10, 200, StatementKind.PARAPHRASE, LocalDate.of(2025, 4, 23)),
            statement(3, 11, 100, StatementKind.PARAPHRASE, null));

    final ChangeMatcher matcher = new ChangeMatcher(null, null); // no SQL: these filters are answered in memory

    @Test
    void articleAndKind_selectTheRowsThatHaveThem() {
        assertThat(matcher.statementsOf(filter(null, 10L, null, null, null, null), ROWS))
                .containsOnly(1L, 2L);
        assertThat(matcher.statementsOf(filter(null, 10L, StatementKind.PARAPHRASE, null, null, null), ROWS))
                .containsOnly(2L);
        assertThat(matcher.statementsOf(filter(null, 12L, null, null, null, null), ROWS))
                .isEmpty();
    }

    @Test
    void aWeekLongDate_isKeptByAFromBoundInsideTheWeek_asTheListKeepsIt() {
        var weekOf = new Statement(
                4,
                10,
                100,
                0,
                StatementKind.PARAPHRASE,
                "text",
                null,
                null,
                LocalDate.of(2025, 4, 14),
                DatePrecision.WEEK);
        assertThat(matcher.statementsOf(
                        filter(null, null, null, LocalDate.of(2025, 4, 17), null, null), List.of(weekOf)))
                .containsOnly(4L);
        assertThat(matcher.statementsOf(
                        filter(null, null, null, LocalDate.of(2025, 4, 21), null, null), List.of(weekOf)))
                .isEmpty();
    }

    @Test
    void dateBounds_areInclusive_andAnUndatedStatementIsOutsideEither() {
        var day = LocalDate.of(2025, 4, 22);
        assertThat(matcher.statementsOf(filter(null, null, null, day, null, null), ROWS))
                .containsOnly(1L, 2L);
        assertThat(matcher.statementsOf(filter(null, null, null, null, day, null), ROWS))
                .containsOnly(1L);
        assertThat(matcher.statementsOf(filter(null, null, null, day.plusDays(1), day.plusDays(1), null), ROWS))
                .containsOnly(2L);
    }

    @Test
    void aSpeakerFilter_withTheBatchsFurtherSpeakers_selectsTheRowsSpokenOrCoSpokenWithoutTheDatabase() {
        var furtherSpeakers = Map.of(2L, Set.of(100L, 300L));
        assertThat(matcher.statementsOf(filter(100L, null, null, null, null, null), ROWS, furtherSpeakers))
                .containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(matcher.statementsOf(filter(300L, null, null, null, null, null), ROWS, furtherSpeakers))
                .containsExactly(2L);
        assertThat(matcher.statementsOf(filter(100L, 10L, StatementKind.PARAPHRASE, null, null, null), ROWS, Map.of()))
                .as("without further speakers: its own speaker only")
                .isEmpty();
        assertThat(matcher.statementsOf(filter(200L, 10L, StatementKind.PARAPHRASE, null, null, null), ROWS, Map.of()))
                .containsExactly(2L);
    }

    @Test
    void aTextFilter_needsTheDatabase() {
        assertThat(ChangeMatcher.inMemory(filter(100L, null, null, null, null, "ceasefire")))
                .isFalse();
        assertThat(ChangeMatcher.inMemory(filter(null, 10L, StatementKind.PARAPHRASE, null, null, null)))
                .isTrue();
        // a speaker may be a co-speaker of the statement, which its row does not hold
        assertThat(ChangeMatcher.inMemory(filter(100L, null, null, null, null, null)))
                .isFalse();
    }
}
