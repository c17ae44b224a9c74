package org.newsgraph.search;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.relay.Connection;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** Slice test of {@link SearchController}: the hits' rows are read per type in one call each. */
@SharesNothing
@GraphQlTest(SearchController.class)
@ControllerSlice
class SearchControllerTest {

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    SearchRepository search;

    @Autowired
    ActorRepository actors;

    /** The repository of the Actor nodes, a mock that knows its type (SearchController asks at start). */
    @TestConfiguration
    static class Nodes {
        @Bean
        ActorRepository actorRepository() {
            var actors = mock(ActorRepository.class);
            when(actors.nodeType()).thenReturn("Actor");
            return actors;
        }
    }

    @Test
    void blankQuery_isInvalidSearchQuery_andSearchesNothing() {
        graphQl.document("{ search(query: \"   \") { totalCount } }")
                .execute()
                .errors()
                .expect(error ->
                        "INVALID_SEARCH_QUERY".equals(error.getExtensions().get("code")))
                .verify();
        verifyNoInteractions(search);
    }

    @Test
    void hits_becomeTheirRows_withScoreAndCursor_oneRepositoryCallPerType() {
        when(search.search(anyString(), any(), any()))
                .thenReturn(new Connection<>(
                        List.of(
                                new Connection.Edge<>("c1", new SearchRepository.Hit("Actor", 7, 0.9)),
                                new Connection.Edge<>("c2", new SearchRepository.Hit("Actor", 8, 0.5))),
                        new Connection.PageInfo(false, false, "c1", "c2"),
                        2L));
        when(actors.findByIds(Set.of(7L, 8L)))
                .thenReturn(Map.of(
                        7L, new Actor(7, ActorKind.PERSON, "Marco Rubio", null, null),
                        8L, new Actor(8, ActorKind.PERSON, "Marco Polo", null, null)));
        graphQl.document(
                        "{ search(query: \"marco\") { totalCount edges { cursor score node { ... on Actor { name } } } } }")
                .execute()
                .path("search.edges[*].node.name")
                .entityList(String.class)
                .containsExactly("Marco Rubio", "Marco Polo")
                .path("search.edges[*].cursor")
                .entityList(String.class)
                .containsExactly("c1", "c2")
                .path("search.totalCount")
                .entity(Integer.class)
                .isEqualTo(2);
        verify(actors).findByIds(Set.of(7L, 8L));
    }
}
