package org.newsgraph.sqlmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * No N+1: the SQL statements a request runs, counted on the data source ({@code extensions.sql}), are one
 * SELECT per level of the query, whatever the number of parents.
 */
@IntegrationTest
class BatchingTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    // language=GraphQL
    private static final String DEEP = """
            query($actors: Int, $statements: Int) {
              actors(first: $actors) { edges { node { statements(first: $statements) { edges { node {
                article { title }
                events { title participants { role actor { name } } }
              } } } } } }
            }""";

    @SuppressWarnings("unchecked")
    private Map<String, Object> execute(String document, Map<String, Object> variables) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/graphql")
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private long selects(Map<String, Object> response) {
        assertThat(response).doesNotContainKey("errors");
        var sql = (Map<String, Number>) ((Map<String, Object>) response.get("extensions")).get("sql");
        return sql.get("selects").longValue();
    }

    @Test
    void deepTraversal_runsOneSelectPerLevel_whateverTheNumberOfParents() {
        // Levels: actors, statements, then what the statements' loader fetches ahead for the selection set
        // (org.newsgraph.statement.StatementPreloader): articles, and events with their participants and
        // the participants' actors in one statement.
        // (30 actors x 10 statements stays under the default cost limit of the query-limits check.)
        long one = selects(execute(DEEP, Map.of("actors", 1, "statements", 1)));
        long many = selects(execute(DEEP, Map.of("actors", 20, "statements", 10)));
        long more = selects(execute(DEEP, Map.of("actors", 30, "statements", 10)));
        assertThat(jdbc.sql("select count(*) from actors").query(Long.class).single())
                .isGreaterThan(20);
        assertThat(many).isEqualTo(4);
        assertThat(more).isEqualTo(4);
        assertThat(one).isLessThanOrEqualTo(4);
    }

    // language=GraphQL
    private static final String DETAILS = """
            query($first: Int) {
              statements(first: $first) { edges { node {
                speakers { name } addressee { name } hedge frequency translated originalLanguage
                within { text } nested { text } relations { id kind statement { text } }
              } } }
              events(first: $first) { edges { node {
                statusHistory { id status } participants { id stance } relatedEvents { id } startsAt
              } } }
              actors(first: $first) { edges { node { affiliations { id of { name } holder { name } } relayed { totalCount } } } }
            }""";

    @Test
    void newsReportDetails_costOneSelectPerField_whateverTheNumberOfRows() {
        // statements, speakers, addressee, the scalar details (one loader for hedge, frequency, translated,
        // originalLanguage), within, nested, relations, relations' statements; events, status history,
        // participants, relations; actors, affiliations, of, holder, relayed.
        long few = selects(execute(DETAILS, Map.of("first", 2)));
        long many = selects(execute(DETAILS, Map.of("first", 40)));
        assertThat(jdbc.sql("select count(*) from statements").query(Long.class).single())
                .isGreaterThan(30);
        // One per field, not per row: 40 of each (all 34 statements) cost at most the 17 fields' selects; with
        // 2 rows a field whose rows are all empty (no relations among them) may cost nothing.
        assertThat(many).isLessThanOrEqualTo(17);
        assertThat(few).isLessThanOrEqualTo(many);
    }

    @Test
    @SuppressWarnings("unchecked")
    void queries_runInReadOnlyTransactions_orAsSelectsOfTheirOwn_neverInAWritableTransaction() {
        var response = execute(DEEP, Map.of("actors", 20, "statements", 10));
        var sql = (Map<String, Number>) ((Map<String, Object>) response.get("extensions")).get("sql");
        long statements = sql.get("statements").longValue();
        assertThat(statements).isPositive();
        assertThat(sql.get("selects").longValue()).isEqualTo(statements);
        // the one-statement reads (to-one fields by id) need no transaction; the pages with counts keep theirs
        assertThat(sql.get("alone").longValue()).isPositive();
        assertThat(sql.get("readOnly").longValue()).isPositive();
        assertThat(sql.get("readOnly").longValue() + sql.get("alone").longValue())
                .isEqualTo(statements);
    }

    @Test
    void everyBatchedField_costsOneSelect() {
        // language=GraphQL
        String document = """
                query {
                  events(first: 15) { totalCount edges { node {
                    participants { actor { aliases affiliations { organization { name } } } represents { name } }
                    parent { title } subEvents { title } relatedEvents { event { title } }
                    articles(first: 3) { totalCount edges { node { publisher { name } authors { name } contributors { name }
                                                                   actors { name } events { title } } } }
                    statements(first: 5) { totalCount edges { node { speaker { name } mentions { name } relayedVia { name }
                                                                      article { title } events { title } } } }
                  } } }
                }""";
        // 1 events + participants, actor, aliases, affiliations, organization, represents, parent, subEvents,
        // relatedEvents, related event, articles (counted in the same statement), publisher, authors, contributors,
        // article actors, article events, statements, speaker, mentions, relayedVia, statement article, statement
        // events.
        long selects = selects(execute(document, Map.of()));
        assertThat(selects).isLessThanOrEqualTo(23);
        long events = jdbc.sql("select count(*) from events").query(Long.class).single();
        assertThat(events).isEqualTo(16);
        assertThat(selects)
                .as("fewer statements than events: nothing per event")
                .isLessThan(events + 10);
    }
}
