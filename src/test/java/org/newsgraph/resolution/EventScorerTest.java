package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
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

    static EventScorer.Profile full(
            String kind,
            String title,
            String date,
            String precision,
            String location,
            Set<Long> participants,
            Set<String> names,
            Set<String> groups,
            String language,
            List<EventScorer.Title> otherTitles) {
        return new EventScorer.Profile(
                0,
                kind,
                title,
                date == null ? null : LocalDate.parse(date),
                date == null ? null : precision,
                location,
                null,
                participants,
                names,
                groups,
                language,
                otherTitles);
    }

    static double weight(Score score, String feature) {
        return score.features().stream()
                .filter(f -> f.name().equals(feature))
                .mapToDouble(Score.Feature::weight)
                .sum();
    }

    @Test
    void eventKindWords_ofOneClass_agree_andOfAnotherClass_doNot() {
        var talks = event("OTHER", "Negotiations on export controls", "2025-05-15", "DAY", 1L);
        var summit = event("OTHER", "Export control summit", "2025-05-15", "DAY", 1L);
        var truce = event("OTHER", "Export control truce", "2025-05-15", "DAY", 1L);
        assertThat(weight(scorer.score(talks, summit), "title")).isEqualTo(4);
        assertThat(weight(scorer.score(talks, truce), "title")).isLessThan(4);
    }

    @Test
    void titleWordsTheOtherEventStatesAsParticipantOrPlace_areNotCountedAgainstIt() {
        var named = full(
                "VISIT",
                "Helena Voss in Beira",
                "2026-03-13",
                "DAY",
                "Beira",
                Set.of(7L),
                Set.of("Helena Voss"),
                Set.of("PERSON"),
                "en",
                List.of());
        var described = full(
                "VISIT",
                "UN relief chief visits Beira",
                "2026-03-13",
                "DAY",
                "Beira",
                Set.of(7L, 8L),
                Set.of("Helena Voss", "United Nations"),
                Set.of("PERSON", "BODY"),
                "en",
                List.of());
        var score = scorer.score(named, described);
        assertThat(weight(score, "title")).isGreaterThanOrEqualTo(0);
        assertThat(score.outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
        // without the participant, "Helena Voss" counts against the pair
        var stranger = full(
                "VISIT",
                "UN relief chief visits Beira",
                "2026-03-13",
                "DAY",
                "Beira",
                Set.of(8L),
                Set.of("United Nations"),
                Set.of("BODY"),
                "en",
                List.of());
        assertThat(weight(scorer.score(named, stranger), "title")).isLessThan(0);
    }

    @Test
    void ordinalsAreNumbers_soSecondAndFirstRoundsAreVetoed() {
        var second = event("TALKS", "Second round of trade talks", null, null, 1L, 2L);
        var first = event("TALKS", "First round of trade talks", null, null, 1L, 2L);
        var round2 = event("TALKS", "Trade talks, round 2", null, null, 1L, 2L);
        assertThat(scorer.score(second, first).vetoed()).isTrue();
        assertThat(scorer.score(second, round2).vetoed()).isFalse();
    }

    @Test
    void aYearInTheTitle_thatIsTheOtherEventsYear_isNoConflict() {
        var a = event("OTHER", "Japan's 2019 export curbs on chip materials", "2019-07-04", "DAY", 1L, 2L);
        var b = event("OTHER", "Japanese export restrictions", "2019-01-01", "YEAR", 1L, 2L);
        assertThat(scorer.score(a, b).outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
        var undated = event("OTHER", "Japan's 2020 export curbs on chip materials", null, null, 1L, 2L);
        assertThat(scorer.score(a, undated).vetoed()).isTrue();
    }

    @Test
    void titlesInAnotherLanguage_canOnlyAdd() {
        var ru = full(
                "PROPOSAL",
                "Предложение Путина о переговорах",
                "2025-04-21",
                "DAY",
                null,
                Set.of(3L),
                Set.of("Владимир Путин"),
                Set.of("PERSON"),
                "ru",
                List.of());
        var en = full(
                "PROPOSAL",
                "Offer of direct talks on civilian targets",
                "2025-04-21",
                "DAY",
                null,
                Set.of(3L),
                Set.of("Vladimir Putin"),
                Set.of("PERSON"),
                "en",
                List.of());
        assertThat(weight(scorer.score(ru, en), "title")).isGreaterThanOrEqualTo(0);
        var pt = full(
                "TALKS",
                "Negociações com o FMI",
                "2026-03-18",
                "DAY",
                null,
                Set.of(),
                Set.of(),
                Set.of(),
                "pt",
                List.of());
        var en2 = full(
                "TALKS",
                "Rapid credit facility",
                "2026-03-18",
                "DAY",
                null,
                Set.of(),
                Set.of(),
                Set.of(),
                "en",
                List.of());
        assertThat(weight(scorer.score(pt, en2), "title")).isZero();
        // the same language: disjoint words count against the pair
        var en3 = full(
                "TALKS", "Budget hearing", "2026-03-18", "DAY", null, Set.of(), Set.of(), Set.of(), "en", List.of());
        assertThat(weight(scorer.score(en3, en2), "title")).isNegative();
    }

    @Test
    void noParticipantsInCommon_countsOnlyWhenBothNamePeopleOrBothBodies() {
        var ministers = full(
                "TALKS",
                "Trade talks in Tokyo",
                "2025-05-15",
                "DAY",
                "Tokyo",
                Set.of(1L, 2L),
                Set.of("Kenji Sato", "Han Seo-yeon"),
                Set.of("PERSON"),
                "en",
                List.of());
        var countries = full(
                "TALKS",
                "Trade talks in Tokyo",
                "2025-05-15",
                "DAY",
                "Tokyo",
                Set.of(3L, 4L),
                Set.of("Japan", "South Korea"),
                Set.of("BODY"),
                "en",
                List.of());
        var otherMinisters = full(
                "TALKS",
                "Trade talks in Tokyo",
                "2025-05-15",
                "DAY",
                "Tokyo",
                Set.of(5L, 6L),
                Set.of("Yuki Sato", "Li Wei"),
                Set.of("PERSON"),
                "en",
                List.of());
        assertThat(weight(scorer.score(ministers, countries), "participants")).isZero();
        assertThat(weight(scorer.score(ministers, otherMinisters), "participants"))
                .isNegative();
    }

    @Test
    void aStoredEvent_isComparedByTheBestTitleOfItsReports() {
        var mention = event("WAR", "Special military operation", "2022-02-24", "DAY", 4L, 5L);
        var stored = full(
                "WAR",
                "Russia's war in Ukraine",
                "2022-01-01",
                "YEAR",
                null,
                Set.of(4L, 5L),
                Set.of("Russia", "Ukraine"),
                Set.of("BODY"),
                "en",
                List.of(new EventScorer.Title("The special military operation", "en")));
        assertThat(weight(scorer.score(mention, stored), "title")).isEqualTo(4);
    }

    @Test
    void theNarrowestDateReportsAgreeOn_isTheStoredEventsDate() {
        var known = EventDates.narrowest(
                new EventDates.Dated(LocalDate.parse("2022-01-01"), "YEAR"),
                List.of(
                        new EventDates.Dated(LocalDate.parse("2022-02-21"), "WEEK"),
                        new EventDates.Dated(LocalDate.parse("2022-02-24"), "DAY"),
                        new EventDates.Dated(LocalDate.parse("2023-03-01"), "DAY")));
        assertThat(known).isEqualTo(new EventDates.Dated(LocalDate.parse("2022-02-24"), "DAY"));
    }

    @Test
    void blocking_readsYearDatedEvents_undatedOnesWithAParticipant_andSiblings() {
        var mention = EventBlocking.Mention.of("WAR", "x", LocalDate.parse("2022-02-24"), "DAY");
        var trigrams = EventBlocking.trigramCodes("y");
        assertThat(mention.admits("WAR", trigrams, LocalDate.parse("2022-01-01"), "YEAR"))
                .isTrue();
        assertThat(mention.admits("WAR", trigrams, LocalDate.parse("2020-01-01"), "YEAR"))
                .isFalse();
        var day = new EventBlocking.Key("WAR", LocalDate.parse("2022-02-24"), Set.of(1L), null);
        var undatedSharing = new EventBlocking.Key("INVASION", null, Set.of(1L, 2L), null);
        var undatedStranger = new EventBlocking.Key("INVASION", null, Set.of(2L), null);
        assertThat(EventBlocking.related(day, undatedSharing)).isTrue();
        assertThat(EventBlocking.related(day, undatedStranger)).isFalse();
        var child = new EventBlocking.Key("OTHER", null, Set.of(), 9L);
        var sibling = new EventBlocking.Key("OTHER", null, Set.of(), 9L);
        assertThat(EventBlocking.related(child, sibling)).isTrue();
    }

    @Test
    void eventKindWordsInOtherLanguages_foldToTheirClass() {
        var words = TitleWords.standard();
        assertThat(words.words("Cheias no rio Búzi")).containsAnyElementsOf(words.words("Floods on the Buzi"));
        assertThat(words.words("Negociações com o FMI")).containsAnyElementsOf(words.words("IMF talks"));
        assertThat(words.words("Bakü'deki enerji bakanları toplantısı"))
                .containsAnyElementsOf(words.words("Energy ministers' meeting"));
        assertThat(words.words("Cheias no rio Búzi")).doesNotContainAnyElementsOf(words.words("Storm"));
    }

    @Test
    void possessivesOfMultiWordNames_foldToTheirEntry() {
        var words = TitleWords.standard();
        assertThat(words.words("World Bank's aid package")).contains("@WB");
        assertThat(words.words("United Nations' appeal")).contains("@UN");
        assertThat(words.words("World banking summit")).doesNotContain("@WB");
    }

    @Test
    void aPlaceWrittenInAnotherScript_isNotCountedAsAnotherPlace() {
        var ru = full(
                "VISIT",
                "Визит в Москву",
                "2025-04-21",
                "WEEK",
                "Москва",
                Set.of(1L),
                Set.of(),
                Set.of(),
                "ru",
                List.of());
        var en = full(
                "VISIT",
                "Visit to Moscow",
                "2025-04-21",
                "WEEK",
                "Moscow",
                Set.of(1L),
                Set.of(),
                Set.of(),
                "en",
                List.of());
        var elsewhere = full(
                "VISIT",
                "Visit to Minsk",
                "2025-04-21",
                "WEEK",
                "Minsk",
                Set.of(1L),
                Set.of(),
                Set.of(),
                "en",
                List.of());
        assertThat(weight(scorer.score(ru, en), "location")).isZero();
        assertThat(weight(scorer.score(en, elsewhere), "location")).isNegative();
    }

    @Test
    void aPreparedEvent_scoredAgainAfterItChanged_scoresAsOneFreshlyPrepared() {
        var mention = full(
                "TALKS",
                "Kyiv and Washington talk in London",
                "2025-04-23",
                "DAY",
                "London",
                Set.of(1L, 2L),
                Set.of("Ukraine", "United States"),
                Set.of("BODY"),
                "en",
                List.of());
        var before = full(
                "TALKS",
                "London talks",
                "2025-04-23",
                "DAY",
                "London",
                Set.of(1L),
                Set.of("Ukraine"),
                Set.of("BODY"),
                "en",
                List.of());
        // the same event later in a run: a participant more (and its name), a report's title merged into it
        var after = full(
                "TALKS",
                "London talks",
                "2025-04-23",
                "DAY",
                "London",
                Set.of(1L, 2L),
                Set.of("Ukraine", "United States"),
                Set.of("BODY"),
                "en",
                List.of(new EventScorer.Title("Ukraine and US meet in London", "en")));
        var m = scorer.prepare(mention);
        var earlier = scorer.prepare(before);
        assertThat(scorer.score(m, scorer.prepare(after, earlier))).isEqualTo(scorer.score(mention, after));
        assertThat(scorer.score(m, scorer.prepare(before, earlier))).isEqualTo(scorer.score(mention, before));
        // changed back: nothing of the later preparation is kept
        var later = scorer.prepare(after, earlier);
        assertThat(scorer.score(m, scorer.prepare(before, later))).isEqualTo(scorer.score(mention, before));
        assertThat(scorer.score(mention, after)).isNotEqualTo(scorer.score(mention, before));
    }

    @Test
    void theTitleDetail_namesTheBestTitle_withItsDice() {
        var mention = event("WAR", "Special military operation", "2022-02-24", "DAY", 4L, 5L);
        var stored = full(
                "WAR",
                "Russia's war in Ukraine",
                "2022-01-01",
                "YEAR",
                null,
                Set.of(4L, 5L),
                Set.of("Russia", "Ukraine"),
                Set.of("BODY"),
                "en",
                List.of(new EventScorer.Title("The special military operation", "en")));
        assertThat(scorer.score(mention, stored).features())
                .filteredOn(f -> f.name().equals("title"))
                .extracting(Score.Feature::detail)
                .containsExactly("1.00: Special military operation ~ The special military operation");
    }
}
