package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventScorerTest {

    private final EventScorer scorer = new EventScorer(Gazetteer.standard());
    private final Thresholds.Pair thresholds = Thresholds.DEFAULTS.event();

    private static EventScorer.Profile event(
            String kind, String title, String date, String precision, Long... participants) {
        return new EventScorer.Profile(
                0,
                kind,
                title,
                date == null ? null : LocalDate.parse(date),
                date == null ? null : precision,
                null,
                null,
                Set.of(participants));
    }

    @Test
    void sameTalksTitledDifferently_merge() {
        var a = event("TALKS", "London talks on Ukraine", "2025-04-23", "DAY", 1L, 2L, 3L);
        var b = event("MEETING", "Ukraine peace talks in London", "2025-04-23", "DAY", 2L, 3L);
        assertThat(scorer.score(a, b).outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void aDayInsideTheWeekItBelongsTo_isCompatible_differentDaysNever() {
        var day = event("PROPOSAL", "US peace proposal", "2025-04-17", "DAY", 9L);
        var week = event("PROPOSAL", "US peace proposal", "2025-04-14", "WEEK", 9L);
        assertThat(scorer.score(day, week).outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
        var otherDay = event("PROPOSAL", "US peace proposal", "2025-04-18", "DAY", 9L);
        assertThat(scorer.score(day, otherDay).vetoed()).isTrue();
        var nextWeek = event("PROPOSAL", "US peace proposal", "2025-04-21", "WEEK", 9L);
        assertThat(scorer.score(day, nextWeek).vetoed()).isTrue();
    }

    @Test
    void demonymsInTitles_countAsTheirCountry() {
        var a = event("WAR", "Russia's war in Ukraine", null, null, 4L, 5L);
        var b = event("WAR", "The Russian war against Ukraine", null, null, 4L, 5L);
        assertThat(scorer.score(a, b).outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void unrelatedEventsOnOneDay_doNotMerge() {
        var a = event("TALKS", "London talks on Ukraine", "2025-04-23", "DAY", 1L, 2L);
        var b = event("ANNOUNCEMENT", "Tariff announcement on steel", "2025-04-23", "DAY", 7L, 8L);
        assertThat(scorer.score(a, b).outcome(thresholds)).isEqualTo(Score.Outcome.DISTINCT);
    }
}
