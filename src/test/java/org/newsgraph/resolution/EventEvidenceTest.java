package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Event evidence across outlets: an unclassified event against a classified one, translated titles that keep names
 * and codes, a cluster's titles in the mention's own language, periods that are the same week, places spaced
 * otherwise.
 */
class EventEvidenceTest {

    private final EventScorer scorer = new EventScorer(Gazetteer.standard());
    private final Thresholds.Pair thresholds = Thresholds.DEFAULTS.event();

    /** An event with no names or groups of its own ({@link EventScorerTest#full}). */
    private static EventScorer.Profile event(
            String kind,
            String title,
            String date,
            String precision,
            String location,
            Set<Long> participants,
            String language,
            List<EventScorer.Title> otherTitles) {
        return EventScorerTest.full(
                kind, title, date, precision, location, participants, Set.of(), Set.of(), language, otherTitles);
    }

    private static double weight(Score score, String feature) {
        return EventScorerTest.weight(score, feature);
    }

    @Test
    void anUnclassifiedEvent_isComparedWithEveryKind_atALittleCost() {
        assertThat(EventBlocking.family("OTHER")).contains("ANNOUNCEMENT", "TALKS", "WAR", "OTHER");
        assertThat(EventBlocking.family("ANNOUNCEMENT")).contains("STATEMENT", "OTHER");
        var unclassified =
                event("OTHER", "Port closure order", "2026-02-10", "DAY", null, Set.of(1L, 2L), "en", List.of());
        var announcement = event(
                "ANNOUNCEMENT",
                "Authorities order port closure",
                "2026-02-10",
                "DAY",
                null,
                Set.of(1L, 2L),
                "en",
                List.of());
        var score = scorer.score(unclassified, announcement);
        assertThat(weight(score, "kind")).isEqualTo(-1.5);
        assertThat(score.outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
        // Two classified kinds that disagree still cost the full weight.
        var talks = event("TALKS", "Port closure talks", "2026-02-10", "DAY", null, Set.of(1L, 2L), "en", List.of());
        assertThat(weight(scorer.score(talks, announcement), "kind")).isEqualTo(-4);
    }

    @Test
    void aTownBothEventsArePlacedIn_countsOnceByTheLocation_notAgainAsANameTheTitlesKeep() {
        // Two events of one day in one town, titled in two languages: a flood and the evacuation it caused.
        var flood = event(
                "OTHER", "Powódź w Kłodzku zalewa rynek", "2026-07-03", "DAY", "Kłodzko", Set.of(), "pl", List.of());
        var evacuation = event(
                "OTHER", "Families evacuated in Klodzko", "2026-07-03", "DAY", "Klodzko", Set.of(), "en", List.of());
        var score = scorer.score(evacuation, flood);
        assertThat(weight(score, "location")).isEqualTo(1.5);
        assertThat(weight(score, "title")).isZero();
        assertThat(score.outcome(thresholds)).isNotEqualTo(Score.Outcome.MERGE);
        // Where only the titles say where it happened, the town they keep is the only evidence of the place.
        var unplaced =
                event("OTHER", "Families evacuated in Klodzko", "2026-07-03", "DAY", null, Set.of(), "en", List.of());
        assertThat(weight(scorer.score(unplaced, flood), "title")).isEqualTo(1);
    }

    @Test
    void aPlaceNamedAlikeInAnotherLanguage_isNotKnownToBeAnotherPlace_butInTheSameLanguageItIs() {
        var polish = event("OTHER", "Pożar magazynu", "2026-07-03", "DAY", "Warszawa", Set.of(), "pl", List.of());
        var english = event("OTHER", "Warehouse fire", "2026-07-03", "DAY", "Warsaw", Set.of(), "en", List.of());
        assertThat(weight(scorer.score(english, polish), "location")).isZero();
        // Named otherwise in another language: another place, as before ("Sài Gòn" / "Hai Phong").
        var krakow = event("OTHER", "Warehouse fire", "2026-07-03", "DAY", "Krakow", Set.of(), "en", List.of());
        assertThat(weight(scorer.score(krakow, polish), "location")).isEqualTo(-2);
        var wroclaw = event("OTHER", "Warehouse fire", "2026-07-03", "DAY", "Wroclaw", Set.of(), "en", List.of());
        var opole = event("OTHER", "Warehouse fire", "2026-07-03", "DAY", "Opole", Set.of(), "en", List.of());
        assertThat(weight(scorer.score(opole, wroclaw), "location")).isEqualTo(-2);
    }

    @Test
    void aTranslatedTitle_countsTheNamesAndCodesItKeeps() {
        var ru = event(
                "OTHER",
                "Сход поезда Alpen Express под Инсбруком",
                "2026-01-12",
                "DAY",
                null,
                Set.of(),
                "ru",
                List.of());
        var en = event(
                "OTHER", "Alpen Express derails near Innsbruck", "2026-01-12", "DAY", null, Set.of(), "en", List.of());
        // "Alpen Express" is one name, kept by both.
        assertThat(weight(scorer.score(ru, en), "title")).isEqualTo(1);
        var code = event("OTHER", "Rückruf der Baureihe XR450", "2026-01-12", "DAY", null, Set.of(), "de", List.of());
        var recall =
                event("OTHER", "Maker recalls its XR450 trucks", "2026-01-12", "DAY", null, Set.of(), "en", List.of());
        assertThat(weight(scorer.score(code, recall), "title")).isEqualTo(1);
        var nothing = event("OTHER", "Rückruf der Lastwagen", "2026-01-12", "DAY", null, Set.of(), "de", List.of());
        assertThat(weight(scorer.score(nothing, recall), "title")).isZero();
    }

    @Test
    void aClusterWithATitleInTheMentionsLanguage_thatDisagreesOutright_isNotRescuedByATranslation() {
        var stored = event(
                "OTHER",
                "Budget hearing in parliament",
                "2026-01-12",
                "WEEK",
                null,
                Set.of(3L),
                "en",
                List.of(new EventScorer.Title("Слушания по бюджету", "ru")));
        var mention =
                event("OTHER", "Wildfire evacuation order", "2026-01-14", "DAY", null, Set.of(3L), "en", List.of());
        assertThat(weight(scorer.score(mention, stored), "title")).isEqualTo(-4);
        // A mention in a language the cluster has no title in: the titles can only add.
        var german =
                event("OTHER", "Evakuierung wegen Waldbrand", "2026-01-14", "DAY", null, Set.of(3L), "de", List.of());
        assertThat(weight(scorer.score(german, stored), "title")).isZero();
    }

    @Test
    void theSameWeek_weighsMoreThanADayInsideIt_andLessThanTheSameDay() {
        var week = event("MEETING", "Budget hearing", "2026-01-12", "WEEK", null, Set.of(), "en", List.of());
        var sameWeek = event("MEETING", "Budget hearing", "2026-01-14", "WEEK", null, Set.of(), "en", List.of());
        var day = event("MEETING", "Budget hearing", "2026-01-14", "DAY", null, Set.of(), "en", List.of());
        double weeks = weight(scorer.score(week, sameWeek), "date");
        double dayInWeek = weight(scorer.score(day, week), "date");
        double sameDay = weight(scorer.score(day, day), "date");
        assertThat(weeks).isGreaterThan(dayInWeek).isLessThan(sameDay);
    }

    @Test
    void aPlaceWrittenWithOtherSpaces_isTheSamePlace() {
        var a = event("VISIT", "Minister visits port", "2026-01-14", "DAY", "Sài Gòn", Set.of(), "vi", List.of());
        var b = event("VISIT", "Minister visits port", "2026-01-14", "DAY", "Saigon", Set.of(), "en", List.of());
        assertThat(weight(scorer.score(a, b), "location")).isEqualTo(1.5);
        var c = event("VISIT", "Minister visits port", "2026-01-14", "DAY", "Hai Phong", Set.of(), "en", List.of());
        assertThat(weight(scorer.score(a, c), "location")).isNegative();
    }
}
