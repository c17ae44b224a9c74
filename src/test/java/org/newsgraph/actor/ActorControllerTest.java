package org.newsgraph.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Slice test of {@link ActorController}: GraphQL in, repository calls out (the repository is a mock). */
@SharesNothing
@GraphQlTest(ActorController.class)
@ControllerSlice
class ActorControllerTest {

    static final Actor RUBIO = new Actor(7, ActorKind.PERSON, "Marco Rubio", "US Secretary of State", "Q324546");
    static final Actor STATE_DEPARTMENT = new Actor(8, ActorKind.GOVERNMENT_BODY, "State Department", null, null);

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    ActorRepository actors;

    @Test
    void actorById_decodesTheGlobalId_andEncodesItBack() {
        when(actors.findById(7)).thenReturn(RUBIO);
        graphQl.document("{ actor(id: \"" + GlobalId.encode("Actor", 7) + "\") { id name kind wikidataId } }")
                .execute()
                .path("actor.name")
                .entity(String.class)
                .isEqualTo("Marco Rubio")
                .path("actor.id")
                .entity(String.class)
                .isEqualTo(GlobalId.encode("Actor", 7))
                .path("actor.kind")
                .entity(String.class)
                .isEqualTo("PERSON");
    }

    @Test
    void anIdOfAnotherType_isInvalidId_andReadsNothing() {
        graphQl.document("{ actor(id: \"" + GlobalId.encode("Event", 7) + "\") { name } }")
                .execute()
                .errors()
                .expect(error -> "INVALID_ID".equals(error.getExtensions().get("code")))
                .verify()
                .path("actor")
                .valueIsNull();
        verifyNoInteractions(actors);
    }

    @Test
    void actorsPage_passesTheFilterAndOnePageRequest_toTheRepository() {
        when(actors.page(any(), any()))
                .thenReturn(new Connection<>(
                        List.of(new Connection.Edge<>("c1", RUBIO)),
                        new Connection.PageInfo(true, false, "c1", "c1"),
                        12L));
        graphQl.document("{ actors(filter: {search: \"rubio\", kind: PERSON}, first: 1) { totalCount"
                        + " pageInfo { hasNextPage } edges { cursor node { name } } } }")
                .execute()
                .path("actors.totalCount")
                .entity(Integer.class)
                .isEqualTo(12)
                .path("actors.edges[0].node.name")
                .entity(String.class)
                .isEqualTo("Marco Rubio");
        var page = ArgumentCaptor.forClass(PageRequest.class);
        verify(actors).page(eq(new ActorFilter("rubio", ActorKind.PERSON)), page.capture());
        assertThat(page.getValue().size()).isEqualTo(1);
        assertThat(page.getValue().backward()).isFalse();
        assertThat(page.getValue().counts()).as("totalCount asked").isTrue();
    }

    @Test
    void pageSizeOverTheMaximum_isRefusedBeforeTheRepository() {
        graphQl.document("{ actors(first: 101) { totalCount } }")
                .execute()
                .errors()
                .expect(error ->
                        "PAGE_SIZE_TOO_LARGE".equals(error.getExtensions().get("code")))
                .verify();
        verifyNoInteractions(actors);
    }

    @Test
    void organizationsOfAffiliations_areFetchedInOneBatch() {
        when(actors.findById(7)).thenReturn(RUBIO);
        when(actors.affiliations(List.of(7L)))
                .thenReturn(Map.of(
                        7L,
                        List.of(
                                new Affiliation(1, 7, 8L, "Secretary of State", null, null),
                                new Affiliation(2, 7, 8L, "Acting Archivist", null, null))));
        when(actors.findByIds(List.of(8L))).thenReturn(Map.of(8L, STATE_DEPARTMENT));
        graphQl.document("{ actor(id: \"" + GlobalId.encode("Actor", 7)
                        + "\") { affiliations { title organization { name } } } }")
                .execute()
                .path("actor.affiliations[*].organization.name")
                .entityList(String.class)
                .containsExactly("State Department", "State Department");
        verify(actors).findByIds(List.of(8L));
    }
}
