package org.newsgraph.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;

/**
 * Keyset pagination over real HTTP: every connection pages forwards and backwards across pages with no gap
 * and no duplicate, in the documented order (checked against SQL), with correct pageInfo.
 */
@IntegrationTest
class PaginationTest extends DemoDataHttpTest {

    record Page(List<String> ids, boolean hasNext, boolean hasPrevious, String start, String end, int total) {}

    private Page page(String document, String path, Map<String, Object> variables) {
        var request = graphQl.document(document);
        for (var variable : variables.entrySet()) {
            request = request.variable(variable.getKey(), variable.getValue());
        }
        Map<String, Object> connection =
                request.execute().path(path).entity(Map.class).get();
        @SuppressWarnings("unchecked")
        var edges = (List<Map<String, Map<String, String>>>) connection.get("edges");
        @SuppressWarnings("unchecked")
        var info = (Map<String, Object>) connection.get("pageInfo");
        return new Page(
                edges.stream().map(edge -> edge.get("node").get("id")).toList(),
                (Boolean) info.get("hasNextPage"),
                (Boolean) info.get("hasPreviousPage"),
                (String) info.get("startCursor"),
                (String) info.get("endCursor"),
                (Integer) connection.get("totalCount"));
    }

    /** Walks the whole connection forwards, then backwards, in pages of {@code size}, and checks both walks. */
    private void assertPagesCover(
            String document, String path, Map<String, Object> fixed, List<String> expected, int size) {
        var forward = new ArrayList<String>();
        String after = null;
        int pages = 0;
        while (true) {
            var variables = new java.util.HashMap<>(fixed);
            variables.put("first", size);
            if (after != null) variables.put("after", after);
            var page = page(document, path, variables);
            assertThat(page.total()).isEqualTo(expected.size());
            assertThat(page.hasPrevious())
                    .as("hasPreviousPage forwards, page %d", pages)
                    .isEqualTo(after != null);
            forward.addAll(page.ids());
            pages++;
            assertThat(pages).isLessThan(100);
            if (!page.hasNext()) break;
            assertThat(page.ids()).hasSize(size);
            after = page.end();
        }
        assertThat(forward).as("forwards").containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(forward)).hasSameSizeAs(forward);

        var backward = new ArrayList<String>();
        String before = null;
        pages = 0;
        while (true) {
            var variables = new java.util.HashMap<>(fixed);
            variables.put("last", size);
            if (before != null) variables.put("before", before);
            var page = page(document, path, variables);
            assertThat(page.hasNext())
                    .as("hasNextPage backwards, page %d", pages)
                    .isEqualTo(before != null);
            backward.addAll(0, page.ids());
            pages++;
            assertThat(pages).isLessThan(100);
            if (!page.hasPrevious()) break;
            assertThat(page.ids()).hasSize(size);
            before = page.start();
        }
        assertThat(backward).as("backwards").containsExactlyElementsOf(expected);
    }

    private List<String> globalIds(String type, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).list().stream()
                .map(id -> GlobalId.encode(type, id))
                .toList();
    }

    @Test
    void statements_pageForwardsAndBackwards_newestFirst_withoutGapsOrDuplicates() {
        // language=GraphQL
        String document = """
                query($first: Int, $after: String, $last: Int, $before: String) {
                  statements(first: $first, after: $after, last: $last, before: $before) {
                    totalCount
                    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                    edges { cursor node { id } }
                  }
                }""";
        var expected = globalIds("Statement", "select id from statements order by said_on desc nulls last, id desc");
        assertThat(expected).hasSizeGreaterThan(20);
        for (int size : new int[] {1, 4, 7, 100}) {
            assertPagesCover(document, "statements", Map.of(), expected, size);
        }
    }

    @Test
    void actors_pageByName_forwardsAndBackwards() {
        // language=GraphQL
        String document = """
                query($first: Int, $after: String, $last: Int, $before: String) {
                  actors(first: $first, after: $after, last: $last, before: $before) {
                    totalCount
                    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                    edges { node { id } }
                  }
                }""";
        var expected = globalIds("Actor", "select id from actors order by name, id");
        assertPagesCover(document, "actors", Map.of(), expected, 6);
    }

    @Test
    void events_pageByStartDate_undatedLast() {
        // language=GraphQL
        String document = """
                query($first: Int, $after: String, $last: Int, $before: String) {
                  events(first: $first, after: $after, last: $last, before: $before) {
                    totalCount
                    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                    edges { node { id } }
                  }
                }""";
        var expected = globalIds("Event", "select id from events order by starts_on desc nulls last, id desc");
        assertPagesCover(document, "events", Map.of(), expected, 4);
    }

    @Test
    void nestedStatementsOfAnActor_page_likeTopLevelOnes() {
        long zelensky = jdbc.sql("select id from actors where name = 'Volodymyr Zelensky'")
                .query(Long.class)
                .single();
        // language=GraphQL
        String document = """
                query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
                  actor(id: $id) {
                    statements(first: $first, after: $after, last: $last, before: $before) {
                      totalCount
                      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                      edges { node { id } }
                    }
                  }
                }""";
        var expected = globalIds(
                "Statement",
                "select id from statements where speaker_id = ? order by said_on desc nulls last, id desc",
                zelensky);
        assertThat(expected).hasSizeGreaterThan(3);
        assertPagesCover(document, "actor.statements", Map.of("id", GlobalId.encode("Actor", zelensky)), expected, 2);
    }

    @Test
    void statementsOfAFurtherSpeaker_pageAcrossWhatItSaidFirstAndWithOthers_inOneOrder() {
        // Marco Rubio is the first speaker of some statements; made a further speaker of two of Zelensky's
        // (for this test only), each page must merge both kinds (each read in its own order by its own
        // index) without gap or duplicate.
        long rubio = jdbc.sql("select id from actors where name = 'Marco Rubio'")
                .query(Long.class)
                .single();
        List<Long> zelenskys = jdbc.sql("""
                        select s.id from statements s join actors a on a.id = s.speaker_id
                         where a.name = 'Volodymyr Zelensky' order by s.id limit 2""").query(Long.class).list();
        assertThat(zelenskys).hasSize(2);
        for (long statement : zelenskys) {
            jdbc.sql("insert into statement_speakers (statement_id, position, actor_id) values (?, 1, ?)")
                    .params(statement, rubio)
                    .update();
        }
        try {
            // language=GraphQL
            String document = """
                    query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
                      actor(id: $id) {
                        statements(first: $first, after: $after, last: $last, before: $before) {
                          totalCount
                          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                          edges { node { id } }
                        }
                      }
                    }""";
            var expected = globalIds("Statement", """
                    select id from statements s where s.speaker_id = ?
                        or exists (select 1 from statement_speakers ss where ss.statement_id = s.id and ss.actor_id = ?)
                     order by said_on desc nulls last, id desc""", rubio, rubio);
            var firstSpoken =
                    globalIds("Statement", "select id from statements where speaker_id = ? order by id", rubio);
            assertThat(firstSpoken).hasSizeGreaterThan(1);
            assertThat(expected).hasSize(firstSpoken.size() + zelenskys.size());
            for (int size : new int[] {1, 2, 3, 100}) {
                assertPagesCover(
                        document, "actor.statements", Map.of("id", GlobalId.encode("Actor", rubio)), expected, size);
            }
        } finally {
            jdbc.sql("delete from statement_speakers where actor_id = ? and statement_id in (?, ?)")
                    .params(rubio, zelenskys.get(0), zelenskys.get(1))
                    .update();
        }
    }

    @Test
    void nestedStatementsOfAnEvent_withAFilter_page() {
        long peaceProcess = jdbc.sql("select id from events where kind = 'PEACE_PROCESS'")
                .query(Long.class)
                .single();
        // language=GraphQL
        String document = """
                query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
                  event(id: $id) {
                    statements(filter: {kind: PARAPHRASE}, first: $first, after: $after, last: $last, before: $before) {
                      totalCount
                      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                      edges { node { id } }
                    }
                  }
                }""";
        var expected = globalIds("Statement", """
                select s.id from statements s join statement_events se on se.statement_id = s.id
                where se.event_id = ? and s.kind = 'PARAPHRASE' order by s.said_on desc nulls last, s.id desc""", peaceProcess);
        assertThat(expected).hasSizeGreaterThan(3);
        assertPagesCover(
                document, "event.statements", Map.of("id", GlobalId.encode("Event", peaceProcess)), expected, 3);
    }

    @Test
    void aPageOfZero_isEmpty_andTellsWhetherItemsFollow() {
        // language=GraphQL
        var page = page("""
                query { statements(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } } }""", "statements", Map.of());
        assertThat(page.ids()).isEmpty();
        assertThat(page.hasNext()).isTrue();
        assertThat(page.start()).isNull();
    }

    @Test
    void cursorsAreOpaque_andEachEdgeCursorContinuesAfterItsEdge() {
        // language=GraphQL
        String document = """
                query($first: Int, $after: String) {
                  statements(first: $first, after: $after) { edges { cursor node { id } } }
                }""";
        var all = graphQl.document(document)
                .variable("first", 10)
                .execute()
                .path("statements.edges[*].node.id")
                .entityList(String.class)
                .get();
        var cursors = graphQl.document(document)
                .variable("first", 10)
                .execute()
                .path("statements.edges[*].cursor")
                .entityList(String.class)
                .get();
        assertThat(cursors)
                .allSatisfy(cursor -> assertThat(cursor).doesNotContain("|").doesNotContain("Statement"));
        var afterThird = graphQl.document(document)
                .variable("first", 2)
                .variable("after", cursors.get(2))
                .execute()
                .path("statements.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(afterThird).containsExactly(all.get(3), all.get(4));
    }
}
