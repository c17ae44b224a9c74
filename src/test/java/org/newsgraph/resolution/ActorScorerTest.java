package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorScorerTest {

    private final ActorScorer scorer = new ActorScorer(Gazetteer.standard());
    private final Thresholds.Pair thresholds = Thresholds.DEFAULTS.actor();

    private static ActorScorer.Profile person(String... names) {
        return new ActorScorer.Profile(0, "PERSON", List.of(names), null, Set.of(), Set.of());
    }

    private static ActorScorer.Profile of(String kind, String... names) {
        return new ActorScorer.Profile(0, kind, List.of(names), null, Set.of(), Set.of());
    }

    private Score.Outcome outcome(ActorScorer.Profile a, ActorScorer.Profile b) {
        return scorer.score(a, b).outcome(thresholds);
    }

    @Test
    void transliterationsOfOneName_merge() {
        assertThat(outcome(person("Volodymyr Zelenskiy"), person("Volodymyr Zelenskyy")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Andrei Ermak"), person("Andrei Yermak"))).isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Mr. Sergei Lavrov"), person("Lavrov, Sergey")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Дмитрий Песков"), person("Dmitry Peskov"))).isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void looserVariants_areCandidatesByName_andMergeWithAnAffiliationInCommon() {
        assertThat(outcome(person("Andrei Sibiga"), person("Andrii Sybiha"))).isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(outcome(person("Vladimir Zelensky"), person("Volodymyr Zelenskyy")))
                .isEqualTo(Score.Outcome.CANDIDATE);
        var mention = new ActorScorer.Profile(
                0, "PERSON", List.of("Andrei Sibiga"), null, Set.of(7L), Set.of("Foreign Minister"));
        var stored = new ActorScorer.Profile(
                5, "PERSON", List.of("Andrii Sybiha"), null, Set.of(7L), Set.of("Foreign Minister"));
        assertThat(outcome(mention, stored)).isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void differentPeople_neverMerge() {
        assertThat(outcome(person("Vladimir Putin"), person("Vladimir Zelensky")))
                .isEqualTo(Score.Outcome.DISTINCT);
        assertThat(scorer.score(person("Vladimir Putin"), person("Vladimir Zelensky"))
                        .vetoed())
                .isTrue();
        assertThat(outcome(person("Donald Trump"), person("Melania Trump"))).isEqualTo(Score.Outcome.DISTINCT);
        assertThat(outcome(person("Tom Hill"), person("Tom Gill"))).isEqualTo(Score.Outcome.DISTINCT);
        assertThat(outcome(person("Eric Trump"), person("Donald Trump"))).isEqualTo(Score.Outcome.DISTINCT);
        var a = new ActorScorer.Profile(0, "PERSON", List.of("John Smith"), "Q1", Set.of(), Set.of());
        var b = new ActorScorer.Profile(1, "PERSON", List.of("John Smith"), "Q2", Set.of(), Set.of());
        assertThat(scorer.score(a, b).vetoed()).isTrue();
        assertThat(scorer.score(person("Ukraine"), of("COUNTRY", "Ukraine")).vetoed())
                .isTrue();
    }

    @Test
    void countriesByShortForm_merge_differentCountriesNever() {
        assertThat(outcome(of("COUNTRY", "Britain"), of("COUNTRY", "United Kingdom")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(of("COUNTRY", "Great Britain"), of("COUNTRY", "UK"))).isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(of("COUNTRY", "U.S."), of("COUNTRY", "United States")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(of("ORGANIZATION", "NATO"), of("ORGANIZATION", "North Atlantic Treaty Organization")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(scorer.score(of("COUNTRY", "Russia"), of("COUNTRY", "Belarus"))
                        .vetoed())
                .isTrue();
        assertThat(outcome(of("ORGANIZATION", "Ministry of Defence"), of("ORGANIZATION", "Ministry of Health")))
                .isEqualTo(Score.Outcome.DISTINCT);
    }

    @Test
    void invisibleCharacters_areNotPartOfAName() {
        assertThat(NameForms.clean("Zelen\u200Bsky\u00AD")).isEqualTo("Zelensky");
        assertThat(NameForms.latin("Volodymyr\u200D Zelensky")).isEqualTo("volodymyr zelensky");
    }

    @Test
    void blockingKeys_bringTransliterationsTogether() {
        assertThat(scorer.blockingKeys("PERSON", "Andrii Sybiha"))
                .containsAnyElementsOf(scorer.blockingKeys("PERSON", "Andrei Sibiga"));
        assertThat(scorer.blockingKeys("PERSON", "Volodymyr Zelenskyy"))
                .containsAnyElementsOf(scorer.blockingKeys("PERSON", "Vladimir Zelensky"));
        assertThat(scorer.blockingKeys("COUNTRY", "Britain"))
                .containsAnyElementsOf(scorer.blockingKeys("COUNTRY", "United Kingdom"));
    }
}
