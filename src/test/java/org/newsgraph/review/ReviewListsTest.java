package org.newsgraph.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;

/**
 * The review lists as connections (graphql/resolution-pages.graphqls), over HTTP on the demo data with
 * decisions written beside it: paged two at a time, forwards or backwards, an actor's or event's pending
 * candidates and merges are exactly the deprecated plain list's, in its order; the review queue pages the
 * same way; a cursor of another list is refused.
 */
@IntegrationTest
class ReviewListsTest extends DemoDataHttpTest {

    final List<Long> written = new ArrayList<>();
    long rubio;
    long witkoff;
    long talks;

    @BeforeEach
    void writeDecisions() {
        rubio = idOf("select id from actors where name = 'Marco Rubio'");
        witkoff = idOf("select id from actors where name = 'Steve Witkoff'");
        talks = idOf("select id from events where external_key = '2025-04-23-london-ukraine-talks'");
        for (int i = 0; i < 3; i++) actorDecision("CANDIDATE", "PENDING", rubio, witkoff);
        actorDecision("CANDIDATE", "PENDING", witkoff, rubio); // Rubio as the other side
        actorDecision("CANDIDATE", "REJECTED", rubio, witkoff); // decided: in neither list
        for (int i = 0; i < 2; i++) actorDecision("MERGED", "AUTOMATIC", rubio, null);
        actorDecision("CANDIDATE", "CONFIRMED", rubio, witkoff);
        for (int i = 0; i < 3; i++) eventDecision("PENDING", talks);
    }

    @AfterEach
    void removeDecisions() {
        jdbc.sql("delete from resolution_decisions where id = any(?)")
                .param(written.toArray(Long[]::new))
                .update();
    }

    @Test
    void anActorsCandidatesAndMerges_pagedTwoAtATime_forwardsOrBackwards_areThePlainListsDecisionsInOrder() {
        String actor = GlobalId.encode("Actor", rubio);
        // language=GraphQL
        var plain = graphQl.document("""
                        query($id: ID!) { node(id: $id) { ... on Actor {
                          possibleDuplicates { id status } mergeEvidence { id status } } } }""").variable("id", actor).execute();
        List<String> pending = plain.path("node.possibleDuplicates[*].id")
                .entityList(String.class)
                .get();
        List<String> merges =
                plain.path("node.mergeEvidence[*].id").entityList(String.class).get();
        assertThat(pending).hasSizeGreaterThanOrEqualTo(4);
        assertThat(merges).hasSizeGreaterThanOrEqualTo(3);
        assertThat(plain.path("node.mergeEvidence[*].status")
                        .entityList(String.class)
                        .get())
                .containsOnly("AUTOMATIC", "CONFIRMED");

        assertThat(pageThrough("Actor", actor, "possibleDuplicatesConnection", true))
                .isEqualTo(pending);
        assertThat(pageThrough("Actor", actor, "possibleDuplicatesConnection", false))
                .isEqualTo(pending);
        assertThat(pageThrough("Actor", actor, "mergeEvidenceConnection", true)).isEqualTo(merges);
        assertThat(pageThrough("Actor", actor, "mergeEvidenceConnection", false))
                .isEqualTo(merges);
    }

    @Test
    void anEventsCandidates_pagedTwoAtATime_areThePlainListsDecisions() {
        String event = GlobalId.encode("Event", talks);
        // language=GraphQL
        List<String> pending = graphQl.document("""
                        query($id: ID!) { node(id: $id) { ... on Event { possibleDuplicates { id } } } }""")
                .variable("id", event)
                .execute()
                .path("node.possibleDuplicates[*].id")
                .entityList(String.class)
                .get();
        assertThat(pending).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pageThrough("Event", event, "possibleDuplicatesConnection", true))
                .isEqualTo(pending);
        assertThat(pageThrough("Event", event, "mergeEvidenceConnection", true)).isEmpty();
    }

    @Test
    void theReviewQueue_pagedTwoAtATime_holdsEveryPendingDecisionOnce_oldestFirst() {
        long pending = jdbc.sql("select count(*) from resolution_decisions where status = 'PENDING'")
                .query(Long.class)
                .single();
        var ids = new ArrayList<String>();
        String after = null;
        do {
            // language=GraphQL
            var page = graphQl.document("""
                            query($after: String) { resolutionQueue(first: 2, after: $after) {
                              totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id status } } } }""").variable("after", after).execute();
            assertThat(page.path("resolutionQueue.totalCount")
                            .entity(Long.class)
                            .get())
                    .isEqualTo(pending);
            assertThat(page.path("resolutionQueue.pageInfo.hasPreviousPage")
                            .entity(Boolean.class)
                            .get())
                    .isEqualTo(after != null);
            assertThat(page.path("resolutionQueue.edges[*].node.status")
                            .entityList(String.class)
                            .get())
                    .containsOnly("PENDING");
            ids.addAll(page.path("resolutionQueue.edges[*].node.id")
                    .entityList(String.class)
                    .get());
            after = page.path("resolutionQueue.pageInfo.hasNextPage")
                            .entity(Boolean.class)
                            .get()
                    ? page.path("resolutionQueue.pageInfo.endCursor")
                            .entity(String.class)
                            .get()
                    : null;
            assertThat(ids.size()).isLessThanOrEqualTo((int) pending);
        } while (after != null);
        assertThat(ids).hasSize((int) pending).doesNotHaveDuplicates();
        assertThat(ids.stream().map(DecisionId::decode).toList()).isSorted();
    }

    @Test
    void aCursorOfAnotherList_isRefusedWithInvalidCursor() {
        // language=GraphQL
        String statementCursor = graphQl.document("{ statements(first: 1) { edges { cursor } } }")
                .execute()
                .path("statements.edges[0].cursor")
                .entity(String.class)
                .get();
        // language=GraphQL
        graphQl.document("""
                        query($id: ID!, $after: String) { node(id: $id) { ... on Actor {
                          mergeEvidenceConnection(first: 2, after: $after) { edges { node { id } } } } } }""")
                .variable("id", GlobalId.encode("Actor", rubio))
                .variable("after", statementCursor)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_CURSOR")));
    }

    /** Every decision id of the list, two at a time, forwards (first/after) or backwards (last/before). */
    private List<String> pageThrough(String type, String id, String field, boolean forwards) {
        // language=GraphQL
        var query = """
                query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { node(id: $id) { ... on %s {
                  %s(first: $first, after: $after, last: $last, before: $before) {
                    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } } } } }""".formatted(type, field);
        var ids = new ArrayList<String>();
        String cursor = null;
        Long total = null;
        do {
            var variables = new HashMap<String, Object>();
            variables.put("id", id);
            variables.put(forwards ? "first" : "last", 2);
            variables.put(forwards ? "after" : "before", cursor);
            var response = graphQl.document(query).variables(variables).execute();
            String at = "node." + field;
            total = response.path(at + ".totalCount").entity(Long.class).get();
            List<String> page = response.path(at + ".edges[*].node.id")
                    .entityList(String.class)
                    .get();
            assertThat(page.size()).isLessThanOrEqualTo(2);
            if (forwards) ids.addAll(page);
            else ids.addAll(0, page);
            boolean more = response.path(at + (forwards ? ".pageInfo.hasNextPage" : ".pageInfo.hasPreviousPage"))
                    .entity(Boolean.class)
                    .get();
            cursor = more
                    ? response.path(at + (forwards ? ".pageInfo.endCursor" : ".pageInfo.startCursor"))
                            .entity(String.class)
                            .get()
                    : null;
            assertThat(ids.size()).isLessThanOrEqualTo(total.intValue());
        } while (cursor != null);
        assertThat(ids).hasSize(total.intValue());
        return ids;
    }

    private long idOf(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void actorDecision(String outcome, String status, long actor, Long other) {
        written.add(jdbc.sql("""
                        insert into resolution_decisions (entity, outcome, status, mention, actor_id, other_actor_id,
                                                          score, features)
                        values ('ACTOR', ?, ?, '{"name": "M. Rubio"}', ?, ?, 9.5,
                                '[{"name": "surname", "weight": 6.0, "detail": "Rubio"}]') returning id""")
                .params(outcome, status, actor, other)
                .query(Long.class)
                .single());
    }

    private void eventDecision(String status, long event) {
        written.add(jdbc.sql("""
                        insert into resolution_decisions (entity, outcome, status, mention, event_id, other_event_id,
                                                          score, features)
                        values ('EVENT', 'CANDIDATE', ?, '{"title": "London talks"}', ?, ?, 5.0,
                                '[{"name": "title", "weight": 5.0}]') returning id""").params(status, event, event).query(Long.class).single());
    }
}
