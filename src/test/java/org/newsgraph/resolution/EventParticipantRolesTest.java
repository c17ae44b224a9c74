package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Evidence counted once: a participant in common in another role (the company that holds a news conference, the
 * company a regulator's order is aimed at), a participant's name that translated titles keep besides the participant
 * itself, and a name of several words. The names are invented and in no test set.
 */
class EventParticipantRolesTest {

    private final EventScorer scorer = new EventScorer(Gazetteer.standard());
    private final Thresholds.Pair thresholds = Thresholds.DEFAULTS.event();

    private static EventScorer.Profile event(
            String kind, String title, String language, Set<String> participantNames, Map<Long, Set<String>> roles) {
        return new EventScorer.Profile(
                0,
                kind,
                title,
                LocalDate.parse("2026-10-06"),
                "DAY",
                null,
                null,
                roles.keySet(),
                participantNames,
                Set.of("BODY"),
                language,
                List.of(),
                roles);
    }

    @Test
    void aParticipantInCommonInAnotherRole_isNoEvidenceForThePair_inTheSameRoleItIs() {
        // The ferry company's own news conference, and the maritime authority's order aimed at the company.
        var conference = event(
                "ANNOUNCEMENT",
                "Conférence de presse de Nordwind Kargo",
                "fr",
                Set.of("Nordwind Kargo"),
                Map.of(1L, Set.of("HOST")));
        var order = event(
                "ANNOUNCEMENT",
                "Maritime authority orders Nordwind Kargo ferries inspected",
                "en",
                Set.of("Nordwind Kargo", "Maritime Authority"),
                Map.of(1L, Set.of("TARGET"), 2L, Set.of("PROPOSER")));
        var score = scorer.score(conference, order);
        assertThat(EventScorerTest.weight(score, "participants")).isZero();
        assertThat(score.outcome(thresholds)).isNotEqualTo(Score.Outcome.MERGE);
        // The same order in another language, the company again the one it is aimed at: one event.
        var orderInFrench = event(
                "ANNOUNCEMENT",
                "L'autorité maritime ordonne l'inspection des ferries de Nordwind Kargo",
                "fr",
                Set.of("Nordwind Kargo"),
                Map.of(1L, Set.of("TARGET")));
        var same = scorer.score(orderInFrench, order);
        assertThat(EventScorerTest.weight(same, "participants")).isEqualTo(2);
        assertThat(same.outcome(thresholds)).isEqualTo(Score.Outcome.MERGE);
        assertThat(EventScorer.rolesDisagree(Set.of("SUBJECT"), Set.of("TARGET")))
                .isFalse();
        assertThat(EventScorer.rolesDisagree(Set.of("HOST", "TARGET"), Set.of("TARGET")))
                .isFalse();
        assertThat(EventScorer.rolesDisagree(Set.of("ORGANIZER"), Set.of("SUBJECT")))
                .isTrue();
    }

    @Test
    void aParticipantsNameThatTranslatedTitlesKeep_isNotCountedAgain_besidesTheParticipant() {
        var order = event(
                "ANNOUNCEMENT",
                "Maritime authority orders Nordwind Kargo ferries inspected",
                "en",
                Set.of("Nordwind Kargo"),
                Map.of(1L, Set.of("TARGET")));
        var orderInFrench = event(
                "ANNOUNCEMENT",
                "L'autorité ordonne le contrôle des navires de Nordwind Kargo",
                "fr",
                Set.of("Nordwind Kargo"),
                Map.of(1L, Set.of("TARGET")));
        // "Nordwind Kargo" is the participant in common: it counts once, by the participants.
        assertThat(EventScorerTest.weight(scorer.score(orderInFrench, order), "title"))
                .isZero();
        // Without the participant resolved, the name the titles keep is the evidence of it.
        var unresolved = event(
                "ANNOUNCEMENT",
                "L'autorité ordonne le contrôle des navires de Nordwind Kargo",
                "fr",
                Set.of("Nordwind Kargo"),
                Map.of(5L, Set.of("TARGET")));
        assertThat(EventScorerTest.weight(scorer.score(unresolved, order), "title"))
                .isEqualTo(1);
    }

    @Test
    void aNameOfSeveralWordsThatBothTitlesKeep_isOneName_andACodeBesideItAnother() {
        var none = Map.<Long, Set<String>>of();
        var en = event("OTHER", "Nordwind Kargo ferry runs aground", "en", Set.of(), none);
        var de = event("OTHER", "Fähre von Nordwind Kargo auf Grund gelaufen", "de", Set.of(), none);
        assertThat(EventScorerTest.weight(scorer.score(de, en), "title")).isEqualTo(1);
        var code = event("OTHER", "Nordwind Kargo ferry NK7 runs aground", "en", Set.of(), none);
        var deCode = event("OTHER", "Fähre NK7 von Nordwind Kargo auf Grund gelaufen", "de", Set.of(), none);
        assertThat(EventScorerTest.weight(scorer.score(deCode, code), "title")).isEqualTo(2.5);
    }
}
