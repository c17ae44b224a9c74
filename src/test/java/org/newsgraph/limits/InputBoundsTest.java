package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.web.RawHttp;
import org.newsgraph.web.UnharmedServerTest;

/**
 * Every string, list and object a request brings is bounded before anything runs, over real HTTP:
 * huge search strings in every filter, lone surrogates, deeply nested or enormous variables. Each is
 * refused with its code and no data (400 for {@code application/graphql-response+json}); afterwards
 * the server answers and no table changed.
 */
@IntegrationTest
class InputBoundsTest extends UnharmedServerTest {

    private static final String HUGE = "war ".repeat(225_000); // 900 kB

    private RawHttp.Response refused(String query, Map<String, Object> variables, String code) {
        var response = http.graphql(query, variables, GRAPHQL_RESPONSE);
        assertThat(response.firstErrorCode()).as(response.body()).isEqualTo(code);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().has("data")).as("nothing executed").isFalse();
        return response;
    }

    @Test
    void aHugeStringInAnyFilter_isArgumentTooLong_beforeAnyQueryRuns() {
        for (String query : List.of(
                "query($s: String) { actors(filter: {search: $s}) { totalCount } }",
                "query($s: String) { statements(filter: {text: $s}) { totalCount } }",
                "query($s: String) { events(filter: {text: $s}) { totalCount } }",
                "query($s: String) { articles(filter: {text: $s}) { totalCount } }",
                "query($s: String!) { search(query: $s) { totalCount } }",
                "query($s: String!) { article(url: $s) { id } }",
                "query($s: ID!) { node(id: $s) { id } }")) {
            var response = refused(query, Map.of("s", HUGE), "ARGUMENT_TOO_LONG");
            assertThat(response.json().at("/errors/0/extensions/limit").asInt()).isEqualTo(2000);
            assertThat(response.json().at("/errors/0/message").asString()).contains("$s");
        }
        // in the document too, and in a variable the operation does not even use
        refused(
                "{ actors(filter: {search: \"" + "a".repeat(50_000) + "\"}) { totalCount } }",
                null,
                "ARGUMENT_TOO_LONG");
        refused("{ articles { totalCount } }", Map.of("unused", HUGE), "ARGUMENT_TOO_LONG");
    }

    /** The surrogate as the JSON escape {@code \\ud800}: a Java string would be sent as {@code ?}. */
    private RawHttp.Response withEscapedVariables(String query, String variablesJson) {
        String body = RawHttp.body(query, null);
        body = body.substring(0, body.length() - 1) + ",\"variables\":" + variablesJson + "}";
        return http.post("/graphql", JSON, GRAPHQL_RESPONSE, body);
    }

    @Test
    void aLoneSurrogate_isInvalidCharacters_inVariablesAndMutationsAlike() {
        for (String escape : List.of("\\ud800", "\\udc00", "\\ud83d x")) {
            var response = withEscapedVariables(
                    "query($s: String) { actors(filter: {search: $s}) { totalCount } }",
                    "{\"s\": \"Zelen" + escape + "sky\"}");
            assertThat(response.firstErrorCode()).as(response.body()).isEqualTo("INVALID_CHARACTERS");
            assertThat(response.status()).isEqualTo(400);
        }
        var mutation = withEscapedVariables(
                "mutation($i: UpsertActorInput!) { upsertActor(input: $i) { errors { code } } }",
                "{\"i\": {\"kind\": \"PERSON\", \"name\": \"Lone \\ud800 surrogate\"}}");
        assertThat(mutation.firstErrorCode()).as(mutation.body()).isEqualTo("INVALID_CHARACTERS");
        var literal = http.graphql("{ actors(filter: {search: \"a\\ud800b\"}) { totalCount } }", GRAPHQL_RESPONSE);
        assertThat(literal.status()).isEqualTo(400);
        assertThat(literal.firstErrorCode()).isIn("INVALID_CHARACTERS", "GRAPHQL_PARSE_FAILED");
        // a pair is one character and fine
        var pair = withEscapedVariables(
                "query($s: String) { actors(filter: {search: $s}) { totalCount } }",
                "{\"s\": \"Zelensky \\ud83d\\ude00\"}");
        assertThat(pair.status()).isEqualTo(200);
        assertThat(pair.json().at("/data/actors/totalCount").isNumber()).isTrue();
    }

    @Test
    void deeplyNestedOrEnormousVariables_areVariablesTooLarge() {
        Object nested = "x";
        for (int i = 0; i < 200; i++) nested = List.of(nested);
        refused("{ articles { totalCount } }", Map.of("deep", nested), "VARIABLES_TOO_LARGE");
        Map<String, Object> object = Map.of("a", "b");
        for (int i = 0; i < 100; i++) object = Map.of("f", object);
        refused(
                "query($f: StatementFilter) { statements(filter: $f) { totalCount } }",
                Map.of("f", object),
                "VARIABLES_TOO_LARGE");
        var many = new ArrayList<Integer>();
        for (int i = 0; i < 150_000; i++) many.add(1);
        refused("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", many), "VARIABLES_TOO_LARGE");
    }

    @Test
    void aSearchOfNothingButOperators_isInputTooComplex_notAnInternalError() {
        var response = http.graphql(
                "query($s: String) { statements(filter: {text: $s}, first: 1) { totalCount } }",
                Map.of("s", "-".repeat(1_000)),
                JSON);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.firstErrorCode()).as(response.body()).isEqualTo("INPUT_TOO_COMPLEX");
        var deep = http.graphql(
                "query($s: String) { statements(filter: {text: $s}, first: 1) { totalCount } }",
                Map.of("s", "\"a ".repeat(600)),
                JSON);
        assertThat(deep.firstErrorCode()).as(deep.body()).isNotEqualTo("INTERNAL_ERROR");
    }
}
