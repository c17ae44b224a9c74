package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bodies named in another language or script ({@code db/reference/organization-words.csv}): the same concepts are
 * one body, a body with other concepts or of another country is not.
 */
class OrganizationWordsTest {

    private final ActorScorer scorer = new ActorScorer(Gazetteer.standard());
    private final Thresholds.Pair thresholds = Thresholds.DEFAULTS.actor();
    private final OrganizationNames names = new OrganizationNames(Gazetteer.standard());

    private static ActorScorer.Profile body(String kind, String name) {
        return new ActorScorer.Profile(0, kind, List.of(name), null, Set.of(), Set.of());
    }

    private Score score(String kind, String a, String b) {
        return scorer.score(body(kind, a), body(kind, b));
    }

    @Test
    void aMinistryNamedInAnotherLanguageOrScript_hasTheConceptsOfItsEnglishName() {
        var english = names.concepts("Ministry of Economy and Finance");
        assertThat(names.concepts("Ministério da Economia e Finanças")).isEqualTo(english);
        assertThat(names.concepts("Ministerio de Economía y Finanzas")).isEqualTo(english);
        assertThat(names.concepts("Υπουργείο Οικονομίας και Οικονομικών")).contains("#ministry", "#economy");
        assertThat(names.concepts("Министерство энергетики Казахстана"))
                .containsExactlyInAnyOrderElementsOf(names.concepts("Ministry of Energy of Kazakhstan"));
        // Han, kana and Hangul write no spaces: the vocabulary words are found inside the word.
        assertThat(names.concepts("外務省")).containsExactlyInAnyOrder("#foreign", "#ministry");
        assertThat(names.concepts("외교부")).containsExactlyInAnyOrder("#foreign", "#ministry");
        assertThat(names.concepts("유럽연합 일반법원")).isEqualTo(names.concepts("General Court of the European Union"));
        assertThat(names.concepts("欧盟普通法院")).isEqualTo(names.concepts("EU General Court"));
        // A word ending a Korean place name is not a ministry: "~부" only ends a word.
        assertThat(names.concepts("부산항만공사")).doesNotContain("#ministry");
    }

    @Test
    void aBodyNamedInTwoLanguages_merges_andWithAWordMoreOnOneSide_isACandidate() {
        // Neither says whose ministry it is, and each outlet names its own country's: a candidate
        // (NamesAcrossLanguagesTest); with the country on both sides, one body.
        assertThat(score("MINISTRY", "Ministério da Economia e Finanças", "Ministry of Economy and Finance")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(score(
                                "MINISTRY",
                                "Ministério da Economia e Finanças de Moçambique",
                                "Ministry of Economy and Finance of Mozambique")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(score(
                                "GOVERNMENT_BODY",
                                "Tribunal General de la Unión Europea",
                                "General Court of the European Union")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(score("GOVERNMENT_BODY", "Tribunal de l'Union européenne", "General Court of the European Union")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(score("MINISTRY", "経済産業省", "Ministry of Economy, Trade and Industry")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.CANDIDATE);
    }

    @Test
    void bodiesWithOtherConceptsOrOfAnotherCountry_stayApart_inAnyLanguage() {
        assertThat(score("MINISTRY", "Ministerio de Defensa", "Ministry of Foreign Affairs")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.DISTINCT);
        assertThat(score("GOVERNMENT_BODY", "Europäisches Parlament", "European Commission")
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.DISTINCT);
        assertThat(score("MINISTRY", "Министерство энергетики Казахстана", "Ministry of Energy of Azerbaijan")
                        .vetoed())
                .isTrue();
        // The same words in one language keep the rules of one language (no weight for the translation).
        assertThat(names.translated(
                        "Ministry of Energy",
                        "Ministry of Energy and Mines",
                        names.words("Ministry of Energy"),
                        names.words("Ministry of Energy and Mines")))
                .isZero();
    }

    @Test
    void candidateKeys_ofABodyNamedInTwoLanguages_meet() {
        var german = scorer.blockingKeys("GOVERNMENT_BODY", "Gericht der Europäischen Union");
        var english = scorer.blockingKeys("GOVERNMENT_BODY", "General Court of the European Union");
        var chinese = scorer.blockingKeys("GOVERNMENT_BODY", "欧盟普通法院");
        assertThat(german).containsAnyElementsOf(english);
        assertThat(chinese).containsAnyElementsOf(english);
    }

    @Test
    void gazetteerIds_areUnique_soThatTwoEntriesNeverCountAsOne() {
        var ids =
                Gazetteer.standard().entries().stream().map(Gazetteer.Entry::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
