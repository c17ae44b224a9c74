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

    private static ActorScorer.Profile affiliated(long id, String name, long organization, String title) {
        return new ActorScorer.Profile(id, "PERSON", List.of(name), null, Set.of(organization), Set.of(title));
    }

    @Test
    void givenNameAndSurnameInEitherOrder_orInChineseScript_merge() {
        assertThat(outcome(person("Wang Xiaoming"), person("Xiaoming Wang"))).isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("王小明"), person("Wang Xiaoming"))).isEqualTo(Score.Outcome.MERGE);
        assertThat(NameForms.person("王小明").surname()).isEqualTo("wang");
        assertThat(scorer.blockingKeys("PERSON", "王小明"))
                .containsAnyElementsOf(scorer.blockingKeys("PERSON", "Xiaoming Wang"));
    }

    @Test
    void arabicNameForms_merge_butFatherAndSonDoNot() {
        assertThat(outcome(person("Abdullah bin Hamad al-Rashid"), person("Abdallah ibn Hamad Al-Rashid")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Rashid, Abdullah bin Hamad al-"), person("Abdullah bin Hamad al-Rashid")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(NameForms.person("al-Rashid").surname()).isEqualTo("rashid");
        assertThat(NameForms.person("al-Rashid").hasGiven()).isFalse();
        assertThat(scorer.score(person("Hamad bin Abdullah al-Rashid"), person("Abdullah bin Hamad al-Rashid"))
                        .vetoed())
                .isTrue();
    }

    @Test
    void umlautsWrittenOut_andFrenchRussianEndings_areOneName() {
        assertThat(outcome(person("Günter Schäfer"), person("Guenter Schaefer")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Boris Orlov"), person("Boris Orloff"))).isEqualTo(Score.Outcome.MERGE);
        assertThat(NameForms.skeleton("Zelenskiy")).isEqualTo(NameForms.skeleton("Zelensky"));
    }

    @Test
    void generationalSuffixes_tellFatherAndSonApart() {
        assertThat(scorer.score(person("John Carter Jr."), person("John Carter Sr."))
                        .vetoed())
                .isTrue();
        assertThat(outcome(person("John Carter Jr."), person("Carter, John Jr.")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("John Carter"), person("John Carter Jr."))).isNotEqualTo(Score.Outcome.MERGE);
        // a number is a namesake's suffix, not a surname
        assertThat(NameForms.person("Anna Jensen 2").surname()).isEqualTo("jensen");
        assertThat(NameForms.person("Jensen, Anna 2").suffix()).isEqualTo("2");
        assertThat(scorer.score(person("Anna Jensen 2"), person("Anna Jensen 3"))
                        .vetoed())
                .isTrue();
    }

    @Test
    void initials_areNeverParticles_andDifferentInitialsNeverMerge() {
        assertThat(NameForms.person("Y. Varga").given()).isEqualTo("y");
        assertThat(NameForms.person("U. Nakamura").given()).isEqualTo("u");
        assertThat(NameForms.person("S. Lambert").given()).isEqualTo("s");
        assertThat(NameForms.person("U.S. Envoy Jane Doe").given()).isEqualTo("jane");
        assertThat(scorer.score(person("Q. Varga"), person("Y. Varga")).vetoed())
                .isTrue();
        assertThat(scorer.score(person("Quentin Z. Varga"), person("Quentin L. Varga"))
                        .vetoed())
                .isTrue();
    }

    @Test
    void firstOfTwoSpanishSurnames_isACandidate_notAVeto() {
        var score = scorer.score(person("Luis Moreno"), person("Luis Alberto Moreno Pérez"));
        assertThat(score.vetoed()).isFalse();
        assertThat(score.outcome(thresholds)).isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(ActorScorer.weak(score)).isTrue();
        assertThat(scorer.blockingKeys("PERSON", "Luis Moreno"))
                .containsAnyElementsOf(scorer.blockingKeys("PERSON", "Luis Alberto Moreno Pérez"));
    }

    @Test
    void aTitleOfTheActorsOwnAffiliation_isNotPartOfItsName() {
        var mention = new ActorScorer.Profile(
                0, "PERSON", List.of("Harbour Master Julia Ivers"), null, Set.of(), Set.of("Harbour Master"));
        assertThat(outcome(mention, person("Ivers, Julia"))).isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Rear Admiral Julia Ivers"), person("Julia Ivers")))
                .isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void sameNameWithOtherOrganizationsAndTitles_isNotMerged() {
        var analyst = affiliated(1, "Chen Hao", 10, "Research fellow");
        var minister = affiliated(0, "Chen Hao", 20, "Vice minister of commerce");
        assertThat(outcome(minister, analyst)).isEqualTo(Score.Outcome.CANDIDATE);
        assertThat(outcome(affiliated(0, "Chen Hao", 10, "Fellow"), analyst)).isEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void organizationsByPossessiveOrLegalForm_merge_butAliasesOfTwoBodiesDoNot() {
        assertThat(outcome(
                        of("MINISTRY", "Qurac's Ministry of Defence"), of("MINISTRY", "Ministry of Defence of Qurac")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(of("ORGANIZATION", "Acme Shipping Inc."), of("ORGANIZATION", "Acme Shipping")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(
                        of("MINISTRY", "Ministry of Economy and Planning", "planning ministry"),
                        of("MINISTRY", "Ministry of Planning and Housing", "planning ministry")))
                .isNotEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(
                        of("MINISTRY", "Ministry of Economy of Qurac"), of("MINISTRY", "Qurac's Ministry of Economy")))
                .isEqualTo(Score.Outcome.MERGE);
    }

    private Score scored(String mention, String stored) {
        return scorer.score(person(mention), person(stored));
    }

    @Test
    void twoStoredActorsThatFitAlike_areCandidates_neverAPick() {
        var anna = new ActorChoice.Ranked<>("anna", scored("A. Jensen", "Anna Jensen"), false);
        var andrei = new ActorChoice.Ranked<>("andrei", scored("A. Jensen", "Andrei Jensen"), false);
        var both = ActorChoice.choose(List.of(anna, andrei), thresholds);
        assertThat(both.merged()).isNull();
        assertThat(both.candidates()).hasSize(2);
        // the order they were stored in plays no part
        assertThat(ActorChoice.choose(List.of(andrei, anna), thresholds).merged())
                .isNull();
        // the only one that fits an initial is merged
        var only = ActorChoice.choose(List.of(anna), thresholds);
        assertThat(only.merged()).isEqualTo("anna");
        // a node that collects the undistinguished mentions of the name takes the mention
        var bag = new ActorChoice.Ranked<>("bag", scored("A. Jensen", "A. Jensen"), true);
        var joined = ActorChoice.choose(List.of(anna, andrei, bag), thresholds);
        assertThat(joined.merged()).isEqualTo("bag");
        assertThat(joined.namesake()).isTrue();
        // evidence that sets one apart decides
        var annaWithEvidence = new ActorChoice.Ranked<>("anna", anna.score().plus("affiliation", 3, "org"), false);
        assertThat(ActorChoice.choose(List.of(annaWithEvidence, andrei), thresholds)
                        .merged())
                .isEqualTo("anna");
    }

    @Test
    void aCountryWithTheAndDottedLetters_isItsEntry() {
        assertThat(Gazetteer.standard().byName("the U.K.").id()).isEqualTo("GB");
        assertThat(Gazetteer.standard().byName("the U.S.A.").id()).isEqualTo("US");
        assertThat(Gazetteer.lookupForm("the u k")).isEqualTo("uk");
        assertThat(Gazetteer.lookupForm("j r smith")).isEqualTo("jr smith");
    }

    @Test
    void bodiesWhoseNamesNameTwoCountries_areTwo_whateverAliasTheyShare() {
        var kazakh = of("MINISTRY", "Kazakh Ministry of Energy", "Energy Ministry");
        var azeri = of("MINISTRY", "Ministry of Energy of the Republic of Azerbaijan", "Energy Ministry");
        assertThat(scorer.score(azeri, kazakh).vetoed()).isTrue();
        assertThat(scorer.score(of("MINISTRY", "Egyptian Foreign Ministry"), of("MINISTRY", "Saudi Foreign Ministry"))
                        .vetoed())
                .isTrue();
        assertThat(outcome(
                        of("MINISTRY", "Ukrainian Foreign Ministry"),
                        of("MINISTRY", "Ministry of Foreign Affairs of Ukraine")))
                .isNotEqualTo(Score.Outcome.DISTINCT);
    }

    @Test
    void aNodeStoredUnderAShortForm_thatBecameOnePerson_neverTakesAnotherFullName() {
        // "Y. Varga" stored first, then "Yann Varga" joined it: it is Yann Varga now, whatever name it was stored
        // under, and never takes Yusuf Varga.
        var became = new ActorScorer.Profile(5, "PERSON", List.of("Y. Varga", "Yann Varga"), null, Set.of(), Set.of());
        assertThat(scorer.score(person("Yusuf Varga"), became).vetoed()).isTrue();
        assertThat(scorer.score(person("Yann Varga"), became).vetoed()).isFalse();
        assertThat(scorer.score(person("Y. Varga"), became).vetoed()).isFalse();
        // Still only a short form: the first full name fits it.
        var bag = new ActorScorer.Profile(5, "PERSON", List.of("Y. Varga"), null, Set.of(), Set.of());
        assertThat(scorer.score(person("Yusuf Varga"), bag).vetoed()).isFalse();
    }

    @Test
    void aCountryNamedByItsCapitalOrItsPeople_isThatCountry_butAPersonNeverIs() {
        assertThat(outcome(of("COUNTRY", "Washington"), of("COUNTRY", "United States")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(of("COUNTRY", "the Saudis"), of("COUNTRY", "Saudi Arabia")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(scorer.score(of("COUNTRY", "Ankara"), of("COUNTRY", "Greece"))
                        .vetoed())
                .isTrue();
        assertThat(scorer.score(person("Jordan Blake"), of("COUNTRY", "Jordan")).vetoed())
                .isTrue();
        assertThat(Gazetteer.standard().denoted("ORGANIZATION", "Washington", null))
                .isNull();
    }
}
