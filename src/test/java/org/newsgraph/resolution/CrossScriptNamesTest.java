package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names and affiliations written in another script or language than the stored actor's. */
class CrossScriptNamesTest {

    private final ActorScorer scorer = new ActorScorer(Gazetteer.standard());
    private final Thresholds.Pair thresholds = Thresholds.DEFAULTS.actor();

    private static ActorScorer.Profile person(String... names) {
        return new ActorScorer.Profile(0, "PERSON", List.of(names), null, Set.of(), Set.of());
    }

    private static ActorScorer.Profile affiliated(Set<Long> organizations, String... titles) {
        return new ActorScorer.Profile(0, "PERSON", List.of("X Y"), null, organizations, Set.of(titles));
    }

    private Score.Outcome outcome(ActorScorer.Profile a, ActorScorer.Profile b) {
        return scorer.score(a, b).outcome(thresholds);
    }

    @Test
    void cyrillic_isRomanizedTheWayEnglishLanguageNewsWritesIt_inTheLanguageItsLettersShow() {
        assertThat(NameForms.latin("Ерлан Жаксыбеков")).isEqualTo("yerlan zhaksybekov");
        assertThat(NameForms.latin("Рашад Мамедов")).isEqualTo("rashad mamedov");
        assertThat(NameForms.latin("Андрій Сибіга")).isEqualTo("andriy sybiha");
        assertThat(outcome(person("Ерлан Жаксыбеков"), person("Yerlan Zhaksybekov")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Мехмет Али Озтюрк"), person("Mehmet Ali Ozturk")))
                .isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void namesInArabicScript_matchTheirRomanizationByConsonants_inOrder_andNotAnotherPerson() {
        assertThat(outcome(person("محمدرضا کریمی"), person("Mohammad Reza Karimi")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("محمد بن سعد الحربي"), person("Mohammed bin Saad al-Harbi")))
                .isEqualTo(Score.Outcome.MERGE);
        // The son: the same names in another order.
        assertThat(outcome(person("سعد بن محمد الحربي"), person("Mohammed bin Saad al-Harbi")))
                .isEqualTo(Score.Outcome.DISTINCT);
        assertThat(outcome(person("علی کریمی"), person("Mohammad Reza Karimi"))).isEqualTo(Score.Outcome.DISTINCT);
        // Both in Arabic script: compared as written, not by consonants.
        assertThat(ConsonantKeys.same("علی کریمی", "علی کرمانی")).isFalse();
    }

    @Test
    void koreanNamesInHangul_matchTheirUsualRomanization_asACandidate_butNotAnotherGivenName() {
        // 박 is "Park" in the news (the r is not pronounced), 정 "Jung"; either order of the romanized name. By name
        // alone a candidate (Korean names share few consonant patterns): an affiliation or event in common merges.
        assertThat(outcome(person("박지훈"), person("Park Ji-hoon"))).isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(outcome(person("박지훈"), person("Ji-hoon Park"))).isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(outcome(person("정민준"), person("Jung Min-jun"))).isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(outcome(person("정민준"), person("Jung Min-ho"))).isEqualTo(Score.Outcome.DISTINCT);
        assertThat(outcome(person("박지훈"), person("Park Min-jun"))).isEqualTo(Score.Outcome.DISTINCT);
        assertThat(scorer.blockingKeys("PERSON", "박지훈"))
                .containsAnyElementsOf(scorer.blockingKeys("PERSON", "Park Ji-hoon"));
    }

    @Test
    void aLetterWhoseDiacriticAsciiDropped_isTheDigraphOfAnotherRomanization() {
        assertThat(PersonNameScorer.compare("resad", "rashad", true)).isEqualTo(PersonNameScorer.Level.SIMILAR);
        assertThat(PersonNameScorer.compare("memmedov", "mammadov", false)).isEqualTo(PersonNameScorer.Level.SIMILAR);
        // Other consonants stay other names.
        assertThat(PersonNameScorer.compare("resad", "rasul", true)).isEqualTo(PersonNameScorer.Level.DIFFERENT);
    }

    @Test
    void foreignNamesInKatakana_matchTheirRomanization_butAnotherSurnameDoesNot() {
        assertThat(outcome(person("エルラン・ジャクスイベコフ"), person("Yerlan Zhaksybekov")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("エルラン・ジャクスイベコフ"), person("Yerlan Zhaksylykov")))
                .isEqualTo(Score.Outcome.DISTINCT);
    }

    @Test
    void candidateKeys_shareTheConsonantsOfTheSurname_acrossScripts() {
        var arabic = scorer.blockingKeys("PERSON", "محمدرضا کریمی");
        var latin = scorer.blockingKeys("PERSON", "Mohammad Reza Karimi");
        var kana = scorer.blockingKeys("PERSON", "エルラン・ジャクスイベコフ");
        var cyrillic = scorer.blockingKeys("PERSON", "Yerlan Zhaksybekov");
        assertThat(arabic.stream().filter(latin::contains)).isNotEmpty();
        assertThat(kana.stream().filter(cyrillic::contains)).isNotEmpty();
    }

    @Test
    void aFullNameInHanOrKana_doesNotContradictTheRomanizedAliasItComesWith() {
        var mention = person("韓瑞然", "ハン・ソヨン", "Han Seo-yeon");
        assertThat(outcome(mention, person("Han Seo-yeon"))).isEqualTo(Score.Outcome.MERGE);
        // In one script the full names still decide: Wang Xiaoming is not Wang Dawei.
        assertThat(scorer.score(person("王小明", "王"), person("王大伟", "王")).vetoed())
                .isTrue();
    }

    @Test
    void countryNames_inTheLanguagesOfTheNews_comeFromLocaleData() {
        var g = Gazetteer.standard();
        assertThat(g.byName("Azerbaycan").id()).isEqualTo("AZ");
        assertThat(g.byName("Азербайджан").id()).isEqualTo("AZ");
        assertThat(g.byName("アゼルバイジャン").id()).isEqualTo("AZ");
        assertThat(g.byName("Moçambique").id()).isEqualTo("MZ");
        assertThat(g.byName("Kazakistan").id()).isEqualTo("KZ");
        // The table's own names keep their entry: "Georgia" stays the country, "UK" Britain.
        assertThat(g.byName("UK").id()).isEqualTo("GB");
        assertThat(outcome(
                        new ActorScorer.Profile(0, "COUNTRY", List.of("Türkiye"), null, Set.of(), Set.of()),
                        new ActorScorer.Profile(1, "COUNTRY", List.of("Turkey"), null, Set.of(), Set.of())))
                .isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void internationalBodies_inOtherLanguages_denoteTheirEntry() {
        var g = Gazetteer.standard();
        assertThat(g.byName("Fundo Monetário Internacional").id()).isEqualTo("IMF");
        assertThat(g.byName("Banco Mundial").id()).isEqualTo("WB");
        assertThat(g.byName("União Europeia").id()).isEqualTo("EU");
    }

    @Test
    void titlesOfOneRoot_orInAnotherScript_areNoEvidenceAgainst_butOtherTitlesInOneLanguageAre() {
        // Other organizations on both sides, titles translated: not two people.
        assertThat(ActorScorer.affiliationsDisagree(
                        affiliated(Set.of(5L), "Ministra da Economia e Finanças"),
                        affiliated(Set.of(7L), "Minister of Finance")))
                .isFalse();
        assertThat(ActorScorer.affiliationsDisagree(
                        affiliated(Set.of(-1L), "経済産業相"), affiliated(Set.of(7L), "Minister of Economy")))
                .isFalse();
        // "Li Wei" the vice minister and "Li Wei" the research fellow.
        assertThat(ActorScorer.affiliationsDisagree(
                        affiliated(Set.of(-1L), "Senior research fellow"),
                        affiliated(Set.of(7L), "Vice Minister of Commerce")))
                .isTrue();
        // Resolved organizations that differ still count, whatever the titles' language.
        assertThat(ActorScorer.affiliationsDisagree(
                        affiliated(Set.of(5L), "経済産業相"), affiliated(Set.of(7L), "Minister of Economy")))
                .isTrue();
    }

    @Test
    void aOneWordBodyName_oneLetterApart_isACandidate_notAMerge() {
        var a = new ActorScorer.Profile(0, "ORGANIZATION", List.of("КазМунайГаз"), null, Set.of(), Set.of());
        var b = new ActorScorer.Profile(1, "ORGANIZATION", List.of("KazMunayGas"), null, Set.of(), Set.of());
        assertThat(outcome(a, b)).isEqualTo(Score.Outcome.CANDIDATE);
        var c = new ActorScorer.Profile(1, "ORGANIZATION", List.of("Gazpromneft"), null, Set.of(), Set.of());
        var d = new ActorScorer.Profile(1, "ORGANIZATION", List.of("Gazprom"), null, Set.of(), Set.of());
        assertThat(outcome(c, d)).isEqualTo(Score.Outcome.DISTINCT);
    }
}
