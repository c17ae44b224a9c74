package org.newsgraph.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.Cursor;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;

/** {@code Query.search}: all four types, best first, ranked by PostgreSQL, paged by cursor. */
@IntegrationTest
class SearchTest extends DemoDataHttpTest {

    // language=GraphQL
    private static final String SEARCH = """
            query($q: String!, $first: Int, $after: String) {
              search(query: $q, first: $first, after: $after) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage endCursor }
                edges { cursor score node { __typename ... on Node { id } ... on Actor { name } ... on Event { title }
                                            ... on Article { title } ... on Statement { text } } }
              }
            }""";

    @Test
    void results_areOrderedByScore_bestFirst_andFindEveryType() {
        var response = graphQl.document(SEARCH)
                .variable("q", "Crimea")
                .variable("first", 100)
                .execute();
        List<Double> scores =
                response.path("search.edges[*].score").entityList(Double.class).get();
        assertThat(scores).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        response.path("search.edges[*].node.__typename")
                .entityList(String.class)
                .satisfies(types -> assertThat(types).contains("Article", "Event", "Statement"));
        // Every hit really mentions Crimea; every statement and event that does is found.
        long expectedStatements = jdbc.sql("select count(*) from statements where text ilike '%crimea%'")
                .query(Long.class)
                .single();
        long expectedEvents = jdbc.sql(
                        "select count(*) from events where title ilike '%crimea%' or description ilike '%crimea%'")
                .query(Long.class)
                .single();
        response.path("search.edges[?(@.node.__typename == 'Statement')].node.text")
                .entityList(String.class)
                .satisfies(texts -> assertThat(texts)
                        .hasSize((int) expectedStatements)
                        .allMatch(t -> t.toLowerCase().contains("crimea")));
        response.path("search.edges[?(@.node.__typename == 'Event')]")
                .entityList(Object.class)
                .hasSize((int) expectedEvents);
        response.path("search.totalCount").entity(Integer.class).isEqualTo(scores.size());
    }

    @Test
    void titleMatches_rankAboveBodyMatches_andExactNamesFindTheActorFirst() {
        // "Crimea" is in event titles (weight A); an event that has it only in its description ranks lower.
        var response = graphQl.document(SEARCH)
                .variable("q", "Crimea")
                .variable("first", 100)
                .execute();
        List<String> eventTitles = response.path("search.edges[?(@.node.__typename == 'Event')].node.title")
                .entityList(String.class)
                .get();
        int lastTitleMatch = -1;
        int firstOtherMatch = Integer.MAX_VALUE;
        for (int i = 0; i < eventTitles.size(); i++) {
            if (eventTitles.get(i).contains("Crimea")) lastTitleMatch = i;
            else firstOtherMatch = Math.min(firstOtherMatch, i);
        }
        assertThat(lastTitleMatch).isLessThan(firstOtherMatch);

        graphQl.document(SEARCH)
                .variable("q", "Zelenskiy")
                .execute()
                .path("search.edges[0].node.__typename")
                .entity(String.class)
                .isEqualTo("Actor")
                .path("search.edges[0].node.name")
                .entity(String.class)
                .isEqualTo("Volodymyr Zelensky");
        graphQl.document(SEARCH)
                .variable("q", "Peskov")
                .execute()
                .path("search.edges[0].node.name")
                .entity(String.class)
                .isEqualTo("Dmitry Peskov");
    }

    @Test
    void webSearchSyntax_phrasesAndExclusions() {
        var all = graphQl.document(SEARCH)
                .variable("q", "ceasefire")
                .variable("first", 100)
                .execute()
                .path("search.edges[*].node.id")
                .entityList(String.class)
                .get();
        var withoutCivilian = graphQl.document(SEARCH)
                .variable("q", "ceasefire -civilian")
                .variable("first", 100)
                .execute()
                .path("search.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(withoutCivilian).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(all).containsAll(withoutCivilian);
        graphQl.document(SEARCH)
                .variable("q", "\"moon landing\"")
                .execute()
                .path("search.totalCount")
                .entity(Integer.class)
                .isEqualTo(0);
    }

    @Test
    void pagingThroughResults_givesEachResultOnce_inTheSameOrder() {
        var all = graphQl.document(SEARCH)
                .variable("q", "Ukraine")
                .variable("first", 100)
                .execute()
                .path("search.edges[*].node.id")
                .entityList(String.class)
                .get();
        assertThat(all).hasSizeGreaterThan(6);
        var paged = new ArrayList<String>();
        String after = null;
        for (int page = 0; page < 50; page++) {
            var request = graphQl.document(SEARCH).variable("q", "Ukraine").variable("first", 4);
            if (after != null) request = request.variable("after", after);
            var response = request.execute();
            paged.addAll(response.path("search.edges[*].node.id")
                    .entityList(String.class)
                    .get());
            response.path("search.pageInfo.hasPreviousPage")
                    .entity(Boolean.class)
                    .isEqualTo(after != null);
            if (!response.path("search.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get()) break;
            after = response.path("search.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(Map.of("Actor", 1).keySet()).allMatch(GlobalId.NODE_TYPES::contains);
    }

    @Test
    void cursorsOfOtherConnections_orWithDamagedKeys_areRefusedAsInvalidCursor() {
        String actorCursor = Cursor.encode("Actor", 3, "Volodymyr Zelensky");
        String damaged = Cursor.encode("Search", 3, "not-a-score:Actor");
        for (String after : List.of(actorCursor, damaged)) {
            graphQl.document(SEARCH)
                    .variable("q", "Ukraine")
                    .variable("after", after)
                    .execute()
                    .errors()
                    .expect(error ->
                            "INVALID_CURSOR".equals(error.getExtensions().get("code")))
                    .verify();
        }
    }
}
