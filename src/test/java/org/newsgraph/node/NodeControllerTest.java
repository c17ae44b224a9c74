package org.newsgraph.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventStatus;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Slice test of {@link NodeController}: {@code node} finds a row by the type its global ID names; {@code nodes}
 * asks each type's repository once for all its IDs and answers in the order asked, null for what matches
 * nothing; a malformed ID is {@code INVALID_ID}. The repositories are in-memory stand-ins: what is tested is
 * the dispatch, not the SQL (the full-stack NodeAndErrorsTest has that).
 */
@SharesNothing
@GraphQlTest(NodeController.class)
@ControllerSlice
class NodeControllerTest {

    /** A repository of fixed rows that records each findByIds call. */
    static class Rows<T> extends NodeRepository<T> {
        final Map<Long, T> rows;
        final List<List<Long>> calls = new ArrayList<>();

        Rows(String type, List<T> rows, Function<T, Long> id) {
            super(null, type, "", "", "", (rs, n) -> null, id);
            this.rows = rows.stream().collect(Collectors.toMap(id, Function.identity()));
        }

        @Override
        public Map<Long, T> findByIds(Collection<Long> ids) {
            calls.add(List.copyOf(ids));
            return ids.stream().filter(rows::containsKey).collect(Collectors.toMap(i -> i, rows::get));
        }
    }

    @TestConfiguration
    static class Repositories {
        @Bean
        Rows<Actor> actors() {
            return new Rows<>(
                    "Actor",
                    List.of(
                            new Actor(1, ActorKind.PERSON, "Marco Rubio", null, null),
                            new Actor(2, ActorKind.PERSON, "Keith Kellogg", null, null)),
                    Actor::id);
        }

        @Bean
        Rows<Event> events() {
            return new Rows<>(
                    "Event",
                    List.of(new Event(
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
                            null)),
                    Event::id);
        }
    }

    @Autowired
    GraphQlTester graphQl;

    @Autowired
    Rows<Actor> actors;

    @Autowired
    Rows<Event> events;

    @BeforeEach
    void forgetCalls() {
        actors.calls.clear();
        events.calls.clear();
    }

    // language=GraphQL
    static final String NODES = """
            query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
              ... on Actor { name } ... on Event { title } } }""";

    @Test
    void nodes_askEachTypesRepositoryOnce_andAnswerInTheOrderAsked_nullForWhatMatchesNothing() {
        var ids = List.of(
                GlobalId.encode("Actor", 2),
                GlobalId.encode("Event", 3),
                GlobalId.encode("Actor", 99),
                GlobalId.encode("Actor", 1),
                GlobalId.encode("Actor", 2));
        graphQl.document(NODES)
                .variable("ids", ids)
                .execute()
                .path("nodes[*].__typename")
                .entityList(String.class)
                .containsExactly("Actor", "Event", "Actor", "Actor")
                .path("nodes[0].name")
                .entity(String.class)
                .isEqualTo("Keith Kellogg")
                .path("nodes[1].title")
                .entity(String.class)
                .isEqualTo("London talks")
                .path("nodes[2]")
                .valueIsNull()
                .path("nodes[3].name")
                .entity(String.class)
                .isEqualTo("Marco Rubio");
        assertThat(actors.calls)
                .singleElement()
                .satisfies(call -> assertThat(call).containsExactly(2L, 99L, 1L));
        assertThat(events.calls).containsExactly(List.of(3L));
    }

    @Test
    void node_findsTheRowOfTheTypeItsIdNames() {
        graphQl.document("query($id: ID!) { node(id: $id) { __typename ... on Event { title } } }")
                .variable("id", GlobalId.encode("Event", 3))
                .execute()
                .path("node.title")
                .entity(String.class)
                .isEqualTo("London talks");
        assertThat(actors.calls).isEmpty();
    }

    @Test
    void aMalformedId_isInvalidId_andNoRepositoryIsAsked() {
        graphQl.document("query($id: ID!) { node(id: $id) { id } }")
                .variable("id", "not-a-global-id")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_ID")));
        assertThat(actors.calls).isEmpty();
        assertThat(events.calls).isEmpty();
    }
}
