package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.resolution.EventScorer;

/** The profile an event is scored by is the profile built afresh, whatever changed since it was last asked. */
class EventStateTest {

    private final Map<Long, List<String>> names = new HashMap<>();
    private final EventResolver.ParticipantNames describe = (id, into, groups) -> {
        var known = names.get(id);
        if (known == null) return;
        into.addAll(known);
        groups.add(EventScorer.group("PERSON"));
    };

    private long count(Long id) {
        var known = names.get(id);
        return known == null ? 0 : known.size();
    }

    private static EventState event() {
        return new EventState(new EventResolver.StoredEvent(
                7,
                "london talks",
                "TALKS",
                "London talks",
                "HELD",
                null,
                LocalDate.parse("2025-04-23"),
                "DAY",
                null,
                null,
                "London",
                null,
                null,
                "en"));
    }

    private void assertFresh(EventState e) {
        var kept = e.profile(describe, this::count);
        assertThat(kept).isEqualTo(e.profile(describe));
    }

    @Test
    void theKeptProfile_followsEveryChange_ofTheEventAndOfItsParticipantsNames() {
        var e = event();
        names.put(1L, new ArrayList<>(List.of("Marco Rubio")));
        e.addParticipant(1, null);
        var first = e.profile(describe, this::count);
        assertThat(e.profile(describe, this::count)).isSameAs(first);
        assertFresh(e);

        names.get(1L).add("Rubio"); // a participant learns a name
        assertThat(e.profile(describe, this::count).participantNames()).contains("Rubio");
        assertFresh(e);

        names.put(2L, new ArrayList<>(List.of("Steve Witkoff")));
        e.addParticipants(List.of(2L)); // a participant joins
        assertThat(e.profile(describe, this::count).participantNames()).contains("Steve Witkoff");
        assertFresh(e);

        e.addParticipant(1, "HOST"); // a report gives a participant its role
        assertThat(e.profile(describe, this::count).roles()).containsEntry(1L, java.util.Set.of("HOST"));
        assertFresh(e);

        e.addRoles(java.util.Map.of(2L, List.of("PARTICIPANT"))); // a mention's roles
        assertThat(e.profile(describe, this::count).roles()).containsEntry(2L, java.util.Set.of("PARTICIPANT"));
        assertFresh(e);

        e.absorb("Talks in London on Ukraine", "en", LocalDate.parse("2025-04-21"), "WEEK"); // a report merged
        assertThat(e.profile(describe, this::count).otherTitles()).hasSize(1);
        assertFresh(e);

        e.parent(99L);
        assertThat(e.profile(describe, this::count).parentId()).isEqualTo(99L);
        assertFresh(e);

        var wanted = event();
        wanted.location = "Lancaster House";
        wanted.title = "Lancaster House talks";
        e.take(wanted); // a later report states other fields
        assertThat(e.profile(describe, this::count).location()).isEqualTo("Lancaster House");
        assertThat(e.profile(describe, this::count).title()).isEqualTo("Lancaster House talks");
        assertFresh(e);
    }
}
