package org.newsgraph.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorController;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Slice test of {@link EventController} (with {@link ActorController} for {@code Actor.participations}). */
@SharesNothing
@GraphQlTest({EventController.class, ActorController.class})
@ControllerSlice
class EventControllerTest {

    static final Actor RUBIO = new Actor(7, ActorKind.PERSON, "Marco Rubio", null, null);
    static final Event TALKS = new Event(
            3,
            EventKind.TALKS,
            "London talks",
            null,
            EventStatus.HAPPENED,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    EventRepository events;

    @MockitoBean
    ActorRepository actors;

    @Test
    void participationsOfAnActor_passTheRoleAndPage_toOneLoaderCall() {
        when(actors.findById(7)).thenReturn(RUBIO);
        var participation = new EventParticipant(30, 3, 7, ParticipantRole.ABSENT, null, "pulled out", null);
        when(events.participationsOfActors(anyCollection(), any(), any()))
                .thenReturn(Map.of(
                        7L,
                        new Connection<>(
                                List.of(new Connection.Edge<>("p30", participation)),
                                new Connection.PageInfo(false, false, "p30", "p30"),
                                1L)));
        when(events.findByIds(List.of(3L))).thenReturn(Map.of(3L, TALKS));
        graphQl.document(
                        "{ actor(id: \"" + GlobalId.encode("Actor", 7)
                                + "\") { participations(role: ABSENT, last: 3) { totalCount edges { node { role note event { title } } } } } }")
                .execute()
                .path("actor.participations.edges[0].node.event.title")
                .entity(String.class)
                .isEqualTo("London talks")
                .path("actor.participations.totalCount")
                .entity(Integer.class)
                .isEqualTo(1);
        var page = ArgumentCaptor.forClass(PageRequest.class);
        verify(events).participationsOfActors(eq(Set.of(7L)), eq(ParticipantRole.ABSENT), page.capture());
        assertThat(page.getValue().backward()).isTrue();
        assertThat(page.getValue().size()).isEqualTo(3);
    }

    @Test
    void aCursorOfAnotherConnection_isInvalidCursor_andReadsNothing() {
        String actorCursor = org.newsgraph.relay.Cursor.encode("Actor", 7, "Marco Rubio");
        graphQl.document("{ events(after: \"" + actorCursor + "\") { totalCount } }")
                .execute()
                .errors()
                .expect(error -> "INVALID_CURSOR".equals(error.getExtensions().get("code")))
                .verify();
        verifyNoInteractions(events);
    }
}
