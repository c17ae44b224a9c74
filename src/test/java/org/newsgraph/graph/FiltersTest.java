package org.newsgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;

/** Every filter of the list fields, each checked against the same condition in SQL. */
@IntegrationTest
class FiltersTest extends DemoDataHttpTest {

    private List<String> ids(String type, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).list().stream()
                .map(id -> GlobalId.encode(type, id))
                .toList();
    }

    private long id(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    // language=GraphQL
    private static final String STATEMENTS = """
            query($filter: StatementFilter) {
              statements(filter: $filter, first: 100) { totalCount edges { node { id } } }
            }""";

    private void assertStatements(java.util.Map<String, Object> filter, List<String> expected) {
        assertThat(expected).as("the filter %s selects something", filter).isNotEmpty();
        graphQl.document(STATEMENTS)
                .variable("filter", filter)
                .execute()
                .path("statements.totalCount")
                .entity(Integer.class)
                .isEqualTo(expected.size())
                .path("statements.edges[*].node.id")
                .entityList(String.class)
                .containsExactly(expected.toArray(String[]::new));
    }

    private static final String ORDER = " order by s.said_on desc nulls last, s.id desc";

    @Test
    void statementFilters_speakerEventArticleKindDatesAndText() {
        long rubio = id("select id from actors where name = 'Marco Rubio'");
        assertStatements(
                java.util.Map.of("speaker", GlobalId.encode("Actor", rubio)),
                ids("Statement", "select s.id from statements s where s.speaker_id = ?" + ORDER, rubio));
        long london = id("select id from events where title like 'London talks%'");
        assertStatements(
                java.util.Map.of("event", GlobalId.encode("Event", london)),
                ids(
                        "Statement",
                        "select s.id from statements s join statement_events se on se.statement_id = s.id where se.event_id = ?"
                                + ORDER,
                        london));
        long article = id("select id from articles");
        assertStatements(
                java.util.Map.of("article", GlobalId.encode("Article", article)),
                ids("Statement", "select s.id from statements s where s.article_id = ?" + ORDER, article));
        assertStatements(
                java.util.Map.of("kind", "DIRECT_QUOTE"),
                ids("Statement", "select s.id from statements s where s.kind = 'DIRECT_QUOTE'" + ORDER));
        assertStatements(
                java.util.Map.of("saidFrom", "2025-04-22"),
                ids(
                        "Statement",
                        "select s.id from statements s where newsgraph_period_end(s.said_on, s.said_on_precision) >= date '2025-04-22'"
                                + ORDER));
        assertStatements(
                java.util.Map.of("saidTo", "2025-04-21"),
                ids("Statement", "select s.id from statements s where s.said_on <= date '2025-04-21'" + ORDER));
        assertStatements(
                java.util.Map.of("saidFrom", "2025-04-14", "saidTo", "2025-04-21"),
                ids(
                        "Statement",
                        "select s.id from statements s where newsgraph_period_end(s.said_on, s.said_on_precision) >= date '2025-04-14'"
                                + " and s.said_on <= date '2025-04-21'"
                                + ORDER));
        // Full text: stemmed ("recognizing" finds "recognize"), case- and accent-insensitive.
        var crimea = ids("Statement", "select s.id from statements s where s.text ilike '%recogni%'" + ORDER);
        assertStatements(java.util.Map.of("text", "RECOGNIZING"), crimea);
        // Conditions combine with and.
        long zelensky = id("select id from actors where name = 'Volodymyr Zelensky'");
        assertStatements(
                java.util.Map.of("speaker", GlobalId.encode("Actor", zelensky), "kind", "DIRECT_QUOTE"),
                ids(
                        "Statement",
                        "select s.id from statements s where s.speaker_id = ? and s.kind = 'DIRECT_QUOTE'" + ORDER,
                        zelensky));
    }

    @Test
    void actorFilter_searchIsCaseAccentInsensitiveAndFuzzy_andKindFilters() {
        // language=GraphQL
        String document = """
                query($filter: ActorFilter) { actors(filter: $filter, first: 100) { totalCount edges { node { name kind } } } }""";
        for (String search : new String[] {"zelensky", "ZELENSKYY", "Zelénsky", "Zelenski", "volodymyr"}) {
            graphQl.document(document)
                    .variable("filter", java.util.Map.of("search", search))
                    .execute()
                    .path("actors.edges[*].node.name")
                    .entityList(String.class)
                    .contains("Volodymyr Zelensky");
        }
        graphQl.document(document)
                .variable("filter", java.util.Map.of("search", "Rubio"))
                .execute()
                .path("actors.edges[*].node.name")
                .entityList(String.class)
                .containsExactly("Marco Rubio");
        graphQl.document(document)
                .variable("filter", java.util.Map.of("search", "Qwxzyv"))
                .execute()
                .path("actors.totalCount")
                .entity(Integer.class)
                .isEqualTo(0);
        var agencies = jdbc.sql("select name from actors where kind = 'NEWS_AGENCY' order by name, id")
                .query(String.class)
                .list();
        assertThat(agencies).isNotEmpty();
        graphQl.document(document)
                .variable("filter", java.util.Map.of("kind", "NEWS_AGENCY"))
                .execute()
                .path("actors.edges[*].node.name")
                .entityList(String.class)
                .containsExactly(agencies.toArray(String[]::new));
    }

    @Test
    void eventFilters_kindStatusParticipantDatesAndText() {
        // language=GraphQL
        String document = """
                query($filter: EventFilter) { events(filter: $filter, first: 100) { totalCount edges { node { id } } } }""";
        String order = " order by e.starts_on desc nulls last, e.id desc";
        record Case(java.util.Map<String, Object> filter, List<String> expected) {}
        long kellogg = id("select id from actors where name = 'Keith Kellogg'");
        var cases = List.of(
                new Case(
                        java.util.Map.of("kind", "PROPOSAL"),
                        ids("Event", "select e.id from events e where e.kind = 'PROPOSAL'" + order)),
                new Case(
                        java.util.Map.of("status", "HAPPENED"),
                        ids("Event", "select e.id from events e where e.status = 'HAPPENED'" + order)),
                new Case(
                        java.util.Map.of("participant", GlobalId.encode("Actor", kellogg)),
                        ids(
                                "Event",
                                "select e.id from events e where e.id in (select event_id from event_participants where actor_id = ?)"
                                        + order,
                                kellogg)),
                new Case(
                        java.util.Map.of("from", "2025-04-21"),
                        ids(
                                "Event",
                                "select e.id from events e where (case when e.ends_on is not null"
                                        + " then newsgraph_period_end(e.ends_on, e.ends_on_precision)"
                                        + " when e.status = 'ONGOING' then 'infinity'::date"
                                        + " else newsgraph_period_end(e.starts_on, e.starts_on_precision) end)"
                                        + " >= date '2025-04-21'" + order)),
                new Case(
                        java.util.Map.of("to", "2014-12-31"),
                        ids("Event", "select e.id from events e where e.starts_on <= date '2014-12-31'" + order)),
                new Case(
                        java.util.Map.of("text", "ceasefire"),
                        ids(
                                "Event",
                                "select e.id from events e where e.title ilike '%ceasefire%' or e.description ilike '%ceasefire%'"
                                        + order)));
        for (var test : cases) {
            assertThat(test.expected())
                    .as("%s selects something", test.filter())
                    .isNotEmpty();
            graphQl.document(document)
                    .variable("filter", test.filter())
                    .execute()
                    .path("events.totalCount")
                    .entity(Integer.class)
                    .isEqualTo(test.expected().size())
                    .path("events.edges[*].node.id")
                    .entityList(String.class)
                    .containsExactly(test.expected().toArray(String[]::new));
        }
    }

    @Test
    void articleFilters_publisherDatesAndText() {
        // language=GraphQL
        String document = """
                query($filter: ArticleFilter) { articles(filter: $filter) { totalCount edges { node { title } } } }""";
        long cnn = id("select id from actors where name = 'CNN'");
        long reuters = id("select id from actors where name = 'Reuters'");
        record Case(java.util.Map<String, Object> filter, int count) {}
        for (var test : List.of(
                new Case(java.util.Map.of("publisher", GlobalId.encode("Actor", cnn)), 1),
                new Case(java.util.Map.of("publisher", GlobalId.encode("Actor", reuters)), 0),
                new Case(java.util.Map.of("from", "2025-04-22", "to", "2025-04-22"), 1),
                new Case(java.util.Map.of("from", "2025-04-23"), 0),
                new Case(java.util.Map.of("to", "2025-04-21"), 0),
                new Case(java.util.Map.of("text", "Crimea Rubio"), 1),
                new Case(java.util.Map.of("text", "\"London talks\" -Crimea"), 0),
                new Case(java.util.Map.of("text", "moon landing"), 0))) {
            graphQl.document(document)
                    .variable("filter", test.filter())
                    .execute()
                    .path("articles.totalCount")
                    .entity(Integer.class)
                    .isEqualTo(test.count());
        }
    }
}
