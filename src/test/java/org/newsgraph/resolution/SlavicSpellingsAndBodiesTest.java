package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.resolution.NamesAcrossLanguagesTest.body;
import static org.newsgraph.resolution.NamesAcrossLanguagesTest.names;
import static org.newsgraph.resolution.NamesAcrossLanguagesTest.outcome;
import static org.newsgraph.resolution.NamesAcrossLanguagesTest.person;

import org.junit.jupiter.api.Test;

/**
 * Slavic names in Polish and German spelling against their English romanization, and the bodies of infrastructure,
 * rail, state services, safety, municipalities and chemicals named in other languages
 * ({@code db/reference/organization-words.csv}). The names are invented and in no test set.
 */
class SlavicSpellingsAndBodiesTest {

    @Test
    void aSlavicNameInPolishOrGermanSpelling_isItsEnglishRomanization() {
        assertThat(NameForms.skeleton("kowalczyk")).isEqualTo(NameForms.skeleton("kovalchyk"));
        assertThat(NameForms.skeleton("tkatschenko")).isEqualTo(NameForms.skeleton("tkachenko"));
        assertThat(NameForms.skeleton("szewczenko")).isEqualTo(NameForms.skeleton("shevchenko"));
        assertThat(NameForms.skeleton("szczerbak")).isEqualTo(NameForms.skeleton("shcherbak"));
        assertThat(outcome(person("Bohdan Szewczenko"), person("Bohdan Shevchenko")))
                .isEqualTo(Score.Outcome.MERGE);
        assertThat(outcome(person("Bohdan Schewtschenko"), person("Bohdan Shevchenko")))
                .isEqualTo(Score.Outcome.MERGE);
        // Another surname of the same root is another person.
        assertThat(outcome(person("Bohdan Szewczuk"), person("Bohdan Shevchenko")))
                .isNotEqualTo(Score.Outcome.MERGE);
    }

    @Test
    void bodiesOfInfrastructureRailAndStateServices_haveOneSetOfConcepts_inEveryLanguage() {
        var english = names.concepts("Ministry of Infrastructure of Moldova");
        assertThat(english).contains("#infrastructure", "#ministry");
        assertThat(names.concepts("Ministerstwo Infrastruktury Mołdawii")).contains("#infrastructure", "#ministry");
        assertThat(names.concepts("Міністерство інфраструктури Молдови")).contains("#infrastructure", "#ministry");
        assertThat(names.concepts("Moldova Altyapı Bakanlığı")).contains("#infrastructure", "#ministry");
        assertThat(names.concepts("Ministerio de Infraestructuras de Moldavia"))
                .contains("#infrastructure", "#ministry");
        // A state service for rail safety: service, state, rail and safety are concepts in every language.
        var service = names.concepts("State Rail Safety Service");
        assertThat(service).containsExactlyInAnyOrder("#state", "#rail", "#security", "#agency");
        assertThat(names.concepts("Państwowa Służba Bezpieczeństwa Kolejowego")).isEqualTo(service);
        assertThat(names.concepts("Державна служба безпеки на залізниці")).isEqualTo(service);
        assertThat(names.concepts("Devlet Demiryolu Güvenliği Servisi")).isEqualTo(service);
        assertThat(names.concepts("Urząd Gminy Kępno")).contains("#agency", "#municipality");
        assertThat(names.concepts("Nordpol Chemicals")).contains("#chemicals");
        // Infrastructure is not transport: two ministries, not one.
        assertThat(outcome(
                        body("MINISTRY", "Ministry of Transport of Moldova"),
                        body("MINISTRY", "Ministerstwo Infrastruktury Mołdawii")))
                .isNotEqualTo(Score.Outcome.MERGE);
        // Each country's own: the same concepts of two countries are never one body.
        assertThat(outcome(
                        body("MINISTRY", "Ministry of Infrastructure of Moldova"),
                        body("MINISTRY", "Ministerio de Infraestructuras de Rumania")))
                .isEqualTo(Score.Outcome.DISTINCT);
    }
}
