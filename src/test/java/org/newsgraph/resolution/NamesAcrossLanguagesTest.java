package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * People and bodies as outlets in other languages name them: a name in Eastern order, name words one letter apart,
 * job titles in two languages of one script, bodies named in Vietnamese or Thai, and bodies whose names say no
 * country.
 */
class NamesAcrossLanguagesTest {

    static final ActorScorer scorer = new ActorScorer(Gazetteer.standard());
    static final Thresholds.Pair thresholds = Thresholds.DEFAULTS.actor();
    static final OrganizationNames names = new OrganizationNames(Gazetteer.standard());

    /** A person known by {@code names} only (also used by {@link SlavicSpellingsAndBodiesTest}). */
    static ActorScorer.Profile person(String... names) {
        return new ActorScorer.Profile(0, "PERSON", List.of(names), null, Set.of(), Set.of());
    }

    static ActorScorer.Profile body(String kind, String name) {
        return new ActorScorer.Profile(0, kind, List.of(name), null, Set.of(), Set.of());
    }

    static Score.Outcome outcome(ActorScorer.Profile a, ActorScorer.Profile b) {
        return scorer.score(a, b).outcome(thresholds);
    }

    @Test
    void aNameWithTheFamilyNameMovedToTheEnd_isTheSameName_butTheSameWordsInAnotherOrderAreNot() {
        assertThat(outcome(person("Nguyen Van Long"), person("Nguyen, Van Long")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Nguyen Van Long"), person("Van Long Nguyen")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Szabo Janos Peter"), person("Janos Peter Szabo")))
                .isEqualTo(Score.Outcome.MERGE);
        // A father and his son: the same words, not a rotation.
        assertThat(scorer.score(person("Khalid Omar Rashidi"), person("Omar Khalid Rashidi"))
                        .vetoed())
                .isTrue();
    }

    @Test
    void shortNameWordsOneLetterApart_areTwoNames_unlessTheySoundAlike() {
        // "Lanh" and "Lang", "Tuan" and "Tuyen": another name, not another spelling.
        assertThat(scorer.score(person("Ngo Thi Lanh"), person("Ngo Thi Lang")).vetoed())
                .isTrue();
        assertThat(scorer.score(person("Pham Quoc Binh"), person("Pham Quoc Bin"))
                        .vetoed())
                .isFalse();
        // Russian writes the Vietnamese "nh" with a soft sign: "Лань" is Lanh, not Lang.
        assertThat(outcome(person("Нго Тхи Лань"), person("Ngo Thi Lanh"))).isNotEqualTo(Score.Outcome.DISTINCT);
        assertThat(scorer.score(person("Нго Тхи Лань"), person("Ngo Thi Lang")).vetoed())
                .isTrue();
    }

    @Test
    void jobTitlesInTwoLanguagesOfOneScript_sayNothingAgainstEachOther() {
        // The mention's organization is not resolved yet (a negative placeholder), the stored one is.
        var vietnamese = new ActorScorer.Profile(
                0, "PERSON", List.of("Hoang Minh Tam"), null, Set.of(-1L), Set.of("Tổng giám đốc"));
        var english = new ActorScorer.Profile(
                7, "PERSON", List.of("Hoang Minh Tam"), null, Set.of(5L), Set.of("Chief executive"));
        assertThat(ActorScorer.affiliationsDisagree(vietnamese, english)).isFalse();
        assertThat(outcome(vietnamese, english)).isEqualTo(Score.Outcome.MERGE);
        var otherJob = new ActorScorer.Profile(
                0, "PERSON", List.of("Hoang Minh Tam"), null, Set.of(-1L), Set.of("Football coach"));
        assertThat(ActorScorer.affiliationsDisagree(otherJob, english)).isTrue();
    }

    @Test
    void bodiesNamedInVietnameseThaiOrWithTheCountryInside_haveTheConceptsOfTheirEnglishName() {
        var english = names.concepts("Ministry of Finance of Thailand");
        assertThat(names.concepts("Thailand's Ministry of Finance")).isEqualTo(english);
        assertThat(names.concepts("Министерство финансов Таиланда")).containsExactlyInAnyOrderElementsOf(english);
        // Han and Thai write no spaces: the country and the words are found inside the run.
        assertThat(names.concepts("泰国财政部")).containsExactlyInAnyOrderElementsOf(english);
        assertThat(names.concepts("กระทรวงการคลัง")).containsExactlyInAnyOrder("#ministry", "#finance");
        assertThat(names.concepts("Bộ Tài chính")).containsExactlyInAnyOrder("#ministry", "#finance");
        // A country of two words.
        assertThat(names.concepts("Ngân hàng Nhà nước Viet Nam")).contains("VN", "#bank");
        // Authority, agency, office and administration are one word in translation.
        assertThat(names.concepts("Civil Aviation Administration of Kazakhstan"))
                .isEqualTo(names.concepts("Civil Aviation Authority of Kazakhstan"));
    }

    @Test
    void bodiesOfOneFunctionNamedInTwoLanguagesWithoutACountry_areACandidateAtMost() {
        // Each outlet names its own country's ministry: Thailand's and Vietnam's finance ministries.
        assertThat(scorer.score(body("MINISTRY", "กระทรวงการคลัง"), body("MINISTRY", "Bộ Tài chính"))
                        .outcome(thresholds))
                .isNotEqualTo(Score.Outcome.MERGE);
        // With the country on both sides they are one body.
        assertThat(scorer.score(
                                body("MINISTRY", "Министерство финансов Таиланда"),
                                body("MINISTRY", "Ministry of Finance of Thailand"))
                        .outcome(thresholds))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(scorer.score(body("MINISTRY", "泰国财政部"), body("MINISTRY", "Министерство финансов Вьетнама"))
                        .vetoed())
                .isTrue();
    }

    @Test
    void aCompanysNameInKatakanaOrThaiLetters_isItsLatinName_withTheSameVocabularyAround() {
        var latin = body("ORGANIZATION", "Kestrel Airways");
        assertThat(outcome(body("ORGANIZATION", "ケストレル航空"), latin)).isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(body("ORGANIZATION", "สายการบินเคสเตรล"), latin)).isEqualTo(Score.Outcome.MERGE);
        // Found by a candidate key of their own.
        assertThat(scorer.blockingKeys("ORGANIZATION", "ケストレル航空"))
                .containsAnyElementsOf(scorer.blockingKeys("ORGANIZATION", "Kestrel Airways"));
        // Other consonants, or another kind of body around the same name: not the same.
        assertThat(outcome(body("ORGANIZATION", "ケストナー航空"), latin)).isEqualTo(Score.Outcome.DISTINCT);
        assertThat(outcome(body("ORGANIZATION", "ケストレル銀行"), latin)).isEqualTo(Score.Outcome.DISTINCT);
    }
}
