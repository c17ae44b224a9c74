package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.web.RawHttp;
import org.newsgraph.web.UnharmedServerTest;
import org.springframework.core.io.ClassPathResource;

/**
 * Queries built to hurt the server, over real HTTP: each is refused before execution with its limit's
 * code, quickly, with 400 for {@code application/graphql-response+json} and 200 for
 * {@code application/json}; afterwards the server still answers a normal query and no table changed.
 */
@IntegrationTest
class HostileQueriesTest extends UnharmedServerTest {

    /** Sends the query with both media types and checks the code, the status, and that nothing executed. */
    private RawHttp.Response rejected(String query, String code) {
        var strict = http.graphql(query, GRAPHQL_RESPONSE);
        assertThat(strict.firstErrorCode()).as(strict.body()).isEqualTo(code);
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.contentType()).startsWith(GRAPHQL_RESPONSE);
        assertThat(strict.json().has("data")).as("nothing executed").isFalse();
        var legacy = http.graphql(query, JSON);
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.firstErrorCode()).isEqualTo(code);
        return strict;
    }

    @Test
    void nesting26Deep_isTooDeep() {
        String query = "{ " + "__schema { types { fields { type { ".repeat(1) + "ofType { ".repeat(22) + "name"
                + " }".repeat(22) + " } } } } }";
        var response = rejected(query, "QUERY_TOO_DEEP");
        assertThat(response.json().at("/errors/0/extensions/limit").asInt()).isEqualTo(15);
        assertThat(response.json().at("/errors/0/extensions/actual").asInt()).isEqualTo(27);
    }

    @Test
    void twoThousandAliases_areTooMany() {
        var query = new StringBuilder("{");
        for (int i = 0; i < 2000; i++) query.append(" a").append(i).append(":articles{totalCount}");
        var response = rejected(query + " }", "TOO_MANY_ALIASES");
        assertThat(response.json().at("/errors/0/message").asString()).contains("2000 aliases", "at most 30");
    }

    @Test
    void hundredsOfWideListFields_areTooMany() {
        var query = new StringBuilder("{ articles(first: 100) {");
        for (int i = 0; i < 600; i++) query.append(" totalCount");
        rejected(query + " } }", "TOO_MANY_FIELDS");
    }

    @Test
    void thousandsOfDirectives_areRefused() {
        var query = new StringBuilder("{ articles { totalCount");
        for (int i = 0; i < 2000; i++) query.append(" @skip(if: false)");
        rejected(query + " } }", "TOO_MANY_DIRECTIVES");
        // more than the parser's token limit: cut off while parsing
        var more = new StringBuilder("{ articles { totalCount");
        for (int i = 0; i < 5000; i++) more.append(" @skip(if: false)");
        rejected(more + " } }", "QUERY_TOO_LARGE");
    }

    @Test
    void queryOverTheCharacterLimit_isTooLarge() {
        // 200 kB: under the 1 MB body limit, over the 100,000 characters of the parser
        String query = "{ articles { totalCount } }" + " ".repeat(200_000);
        var response = rejected(query, "QUERY_TOO_LARGE");
        assertThat(response.json().at("/errors/0/message").asString()).contains("characters");
        assertThat(response.json()
                        .at("/errors/0/extensions/limits/maxCharacters")
                        .asInt())
                .isEqualTo(100_000);
    }

    @Test
    void multiMegabyteBody_isRefusedWith413() {
        String query = "{ articles { totalCount } }" + "#".repeat(3 * 1024 * 1024);
        var response = http.graphql(query, GRAPHQL_RESPONSE);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.firstErrorCode()).isEqualTo("REQUEST_TOO_LARGE");
    }

    @Test
    void deepIntrospection_isTooDeep() {
        String query = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { "
                + "ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } } } }";
        rejected(query, "QUERY_TOO_DEEP");
    }

    @Test
    void graphiqlsIntrospectionQuery_passes() throws Exception {
        String query =
                new ClassPathResource("queries/introspection.graphql").getContentAsString(StandardCharsets.UTF_8);
        var response = http.graphql(query, GRAPHQL_RESPONSE);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().has("errors")).as(response.body()).isFalse();
        assertThat(response.json().at("/data/__schema/queryType/name").asString())
                .isEqualTo("Query");
    }

    @Test
    void fragmentCycle_isAValidationError() {
        rejected(
                "{ articles { ...A } } fragment A on ArticleConnection { totalCount ...B } "
                        + "fragment B on ArticleConnection { ...A }",
                "GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void fragmentBomb_isTooComplexOrTooDeep() {
        var query = new StringBuilder("{ __schema { types { ...F30 } } }\n fragment F0 on __Type { name }\n");
        for (int i = 1; i <= 30; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on __Type { ...F")
                    .append(i - 1)
                    .append(" ...F")
                    .append(i - 1)
                    .append(" }\n");
        }
        rejected(query.toString(), "QUERY_TOO_COMPLEX");
    }

    @Test
    void negativeAndHugeFirst_areRefused() {
        // refused by the field (PageRequest) during execution: errors with a path, data present
        for (var query :
                List.of("{ articles(first: -5) { totalCount } }", "{ actors(last: 1000000) { totalCount } }")) {
            var response = http.graphql(query, GRAPHQL_RESPONSE);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.firstErrorCode()).isIn("INVALID_PAGE_SIZE", "PAGE_SIZE_TOO_LARGE");
        }
        // not an Int at all: a validation error before execution
        rejected("{ articles(first: 9223372036854775808999) { totalCount } }", "GRAPHQL_VALIDATION_FAILED");
        var viaVariable = http.graphql(
                "query($n: Int) { articles(first: $n) { totalCount } }", Map.of("n", 101), GRAPHQL_RESPONSE);
        assertThat(viaVariable.firstErrorCode()).isEqualTo("PAGE_SIZE_TOO_LARGE");
    }

    @Test
    void nestedPagesOfTheRealSchema_areTooComplex() {
        // language=GraphQL
        var response = rejected("""
                { actors(first: 100) { edges { node { name statements(first: 100) { edges { node { text
                  events { title participants { actor { name } } } } } } } } } }""", "QUERY_TOO_COMPLEX");
        assertThat(response.json().at("/errors/0/extensions/actual").asLong()).isGreaterThan(100_000);
    }

    @Test
    void nesting26DeepThroughTheRealSchema_isTooDeep() {
        var query = new StringBuilder("{ actors(first: 1) { edges { node {");
        for (int i = 0; i < 8; i++) query.append(" statements(first: 1) { edges { node { speaker {");
        query.append(" name");
        query.append(" } } } }".repeat(8)).append(" } } } }");
        var response = rejected(query.toString(), "QUERY_TOO_DEEP");
        assertThat(response.json().at("/errors/0/extensions/actual").asInt()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void nulCharacters_inStrings_areRefusedBeforeTheDatabaseSeesThem() {
        rejected("{ search(query: \"a\\u0000b\") { totalCount } }", "INVALID_CHARACTERS");
        var viaVariable = http.graphql(
                "query($q: String!) { search(query: $q) { totalCount } }",
                Map.of("q", "Crimea\u0000"),
                GRAPHQL_RESPONSE);
        assertThat(viaVariable.status()).isEqualTo(400);
        assertThat(viaVariable.firstErrorCode()).isEqualTo("INVALID_CHARACTERS");
        var nested = http.graphql(
                "query($f: StatementFilter) { statements(filter: $f) { totalCount } }",
                Map.of("f", Map.of("text", List.of("x").get(0) + "\u0000")),
                GRAPHQL_RESPONSE);
        assertThat(nested.firstErrorCode()).isEqualTo("INVALID_CHARACTERS");
    }

    @Test
    void cachedDocuments_areCheckedAgainstEachRequestsVariables() {
        String query = "query($ids: [ID!]!, $q: String!) { nodes(ids: $ids) { id } search(query: $q) { totalCount } }";
        var fine = http.graphql(query, Map.of("ids", List.of("QWN0b3I6MQ=="), "q", "Crimea"), GRAPHQL_RESPONSE);
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        var manyIds = java.util.Collections.nCopies(101, "QWN0b3I6MQ==");
        var tooMany = http.graphql(query, Map.of("ids", manyIds, "q", "Crimea"), GRAPHQL_RESPONSE);
        assertThat(tooMany.firstErrorCode()).isEqualTo("TOO_MANY_IDS");
        assertThat(tooMany.status()).isEqualTo(400);
        var nul = http.graphql(query, Map.of("ids", List.of("QWN0b3I6MQ=="), "q", "a\u0000"), GRAPHQL_RESPONSE);
        assertThat(nul.firstErrorCode()).isEqualTo("INVALID_CHARACTERS");
        String paged = "query($n: Int) { actors(first: $n) { edges { node { statements(first: $n) { edges { node {"
                + " events { participants { actor { participations(first: $n) { totalCount } } } } } } } } } } }";
        assertThat(http.graphql(paged, Map.of("n", 1), GRAPHQL_RESPONSE).status())
                .isEqualTo(200);
        assertThat(http.graphql(paged, Map.of("n", 100), GRAPHQL_RESPONSE).firstErrorCode())
                .isEqualTo("QUERY_TOO_COMPLEX");
        // each request's own variables decide, also when both were analysed before (the analyses are kept)
        for (int round = 0; round < 2; round++) {
            assertThat(http.graphql(paged, Map.of("n", 1), GRAPHQL_RESPONSE).status())
                    .isEqualTo(200);
            assertThat(http.graphql(paged, Map.of("n", 100), GRAPHQL_RESPONSE).firstErrorCode())
                    .isEqualTo("QUERY_TOO_COMPLEX");
            assertThat(http.graphql(paged, Map.of("n", 100L, "unused", "x"), GRAPHQL_RESPONSE)
                            .firstErrorCode())
                    .isEqualTo("QUERY_TOO_COMPLEX");
        }
        assertThat(http.graphql(query, Map.of("ids", manyIds, "q", "Crimea"), GRAPHQL_RESPONSE)
                        .firstErrorCode())
                .isEqualTo("TOO_MANY_IDS");
    }

    @Test
    void apiConnections_haveTheStatementTimeout() {
        assertThat(jdbc.sql("show statement_timeout").query(String.class).single())
                .isEqualTo("5s");
    }

    @Test
    void knownClientOperations_passTheLimits() throws Exception {
        var operations = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("file:graphql/operations/*.graphql");
        assertThat(operations).isNotEmpty();
        for (var operation : operations) {
            if (operation.getContentAsString(StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("mutation")))
                continue; // the mutation examples need an editor's key: OperationsContractTest runs them with one
            var variablesFile = java.nio.file.Path.of(
                    "graphql/operations", operation.getFilename().replace(".graphql", ".variables.json"));
            Map<String, Object> variables = java.nio.file.Files.exists(variablesFile)
                    ? new tools.jackson.databind.json.JsonMapper()
                            .readValue(
                                    variablesFile.toFile(),
                                    new tools.jackson.core.type.TypeReference<Map<String, Object>>() {})
                    : Map.of();
            var response =
                    http.graphql(operation.getContentAsString(StandardCharsets.UTF_8), variables, GRAPHQL_RESPONSE);
            assertThat(response.status()).as(operation.getFilename()).isEqualTo(200);
            assertThat(response.json().has("errors")).as(response.body()).isFalse();
        }
    }

    @Test
    void tooManyNodeIds_areRefusedBeforeAnythingElse() {
        var ids = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> "\"QXJ0aWNsZToxMjM=\"")
                .toList();
        rejected("{ nodes(ids: " + ids + ") { id } }", "TOO_MANY_IDS");
    }

    @Test
    void variablesOfTheWrongType_areAValidationError() {
        for (Object wrong : new Object[] {"ten", 1.5, true, Map.of("n", 1), java.util.List.of(1)}) {
            var response = http.graphql(
                    "query($n: Int) { articles(first: $n) { totalCount } }", Map.of("n", wrong), GRAPHQL_RESPONSE);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.firstErrorCode()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        }
        var wrongLiteral = http.graphql("{ articles(first: \"ten\") { totalCount } }", GRAPHQL_RESPONSE);
        assertThat(wrongLiteral.firstErrorCode()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void syntaxError_isAParseError_withoutEchoingInternals() {
        var response = rejected("{ articles { totalCount ", "GRAPHQL_PARSE_FAILED");
        assertThat(response.body()).doesNotContain("antlr", "graphql.parser", "Exception");
    }
}
