package org.newsgraph.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorController;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.article.ArticleRepository;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Slice test of {@link StatementController}, with {@link ActorController} for the actors above: the
 * statement connections under many actors are one repository call, with the decoded filter and one page.
 */
@SharesNothing
@GraphQlTest({StatementController.class, ActorController.class})
@ControllerSlice
class StatementControllerTest {

    static final Actor RUBIO = new Actor(7, ActorKind.PERSON, "Marco Rubio", null, null);
    static final Actor ZELENSKY = new Actor(8, ActorKind.PERSON, "Volodymyr Zelensky", null, null);

    static Statement statement(long id, long speakerId) {
        return new Statement(
                id,
                1,
                speakerId,
                (int) id,
                StatementKind.DIRECT_QUOTE,
                "text " + id,
                "said",
                null,
                LocalDate.of(2025, 4, 22),
                DatePrecision.DAY);
    }

    static Connection<Statement> page(Statement... statements) {
        return new Connection<>(
                java.util.Arrays.stream(statements)
                        .map(s -> new Connection.Edge<>("cursor" + s.id(), s))
                        .toList(),
                new Connection.PageInfo(false, false, null, null),
                null);
    }

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    StatementRepository statements;

    @MockitoBean
    ActorRepository actors;

    @MockitoBean
    ArticleRepository articles;

    @MockitoBean
    StatementPreloader preloader;

    @Test
    @SuppressWarnings("unchecked")
    void statementsOfEveryActorOfAPage_areOneRepositoryCall_withTheDecodedFilter() {
        when(actors.page(any(), any()))
                .thenReturn(new Connection<>(
                        List.of(new Connection.Edge<>("a", RUBIO), new Connection.Edge<>("b", ZELENSKY)),
                        new Connection.PageInfo(false, false, "a", "b"),
                        null));
        when(statements.page(eq(StatementRepository.BY_SPEAKER), anyCollection(), any(), any()))
                .thenReturn(Map.of(7L, page(statement(70, 7), statement(71, 7)), 8L, page(statement(80, 8))));
        graphQl.document("""
                        { actors { edges { node { name
                            statements(first: 2, filter: {kind: DIRECT_QUOTE}) { edges { node { text } } } } } } }""")
                .execute()
                .path("actors.edges[0].node.statements.edges[*].node.text")
                .entityList(String.class)
                .containsExactly("text 70", "text 71")
                .path("actors.edges[1].node.statements.edges[*].node.text")
                .entityList(String.class)
                .containsExactly("text 80");
        var ids = ArgumentCaptor.forClass(Collection.class);
        var filter = ArgumentCaptor.forClass(StatementFilter.Criteria.class);
        var pageRequest = ArgumentCaptor.forClass(PageRequest.class);
        verify(statements, times(1))
                .page(eq(StatementRepository.BY_SPEAKER), ids.capture(), filter.capture(), pageRequest.capture());
        assertThat(ids.getValue()).containsExactlyInAnyOrder(7L, 8L);
        assertThat(filter.getValue().kind()).isEqualTo(StatementKind.DIRECT_QUOTE);
        assertThat(pageRequest.getValue().size()).isEqualTo(2);
        assertThat(pageRequest.getValue().counts())
                .as("neither totalCount nor pageInfo asked")
                .isFalse();
    }

    @Test
    void speakersOfAPage_areOneBatch() {
        when(statements.page(any(), any())).thenReturn(page(statement(70, 7), statement(71, 7), statement(80, 8)));
        when(actors.findByIds(List.of(7L, 8L))).thenReturn(Map.of(7L, RUBIO, 8L, ZELENSKY));
        graphQl.document("{ statements { edges { node { speaker { name } } } } }")
                .execute()
                .path("statements.edges[*].node.speaker.name")
                .entityList(String.class)
                .containsExactly("Marco Rubio", "Marco Rubio", "Volodymyr Zelensky");
        verify(actors, times(1)).findByIds(List.of(7L, 8L));
    }

    @Test
    void anEmptyDateRange_isInvalidDateRange_andReadsNothing() {
        graphQl.document("{ statements(filter: {saidFrom: \"2025-05-01\", saidTo: \"2025-04-01\"}) { totalCount } }")
                .execute()
                .errors()
                .expect(error ->
                        "INVALID_DATE_RANGE".equals(error.getExtensions().get("code")))
                .verify();
        verifyNoInteractions(statements);
    }
}
