package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.error.ErrorCode;

/**
 * The limit measurements on a schema shaped like the read API (connections, nested lists, nodes), so
 * the mechanism is checked independently of which fields the real schema has today.
 */
class QueryAnalysisTest {

    // language=GraphQL
    private static final String SDL = """
            type Query {
              articles(first: Int, after: String, last: Int): ArticleConnection!
              nodes(ids: [ID!]!): [Node]!
              actor(id: ID!): Actor
            }
            interface Node { id: ID! }
            type ArticleConnection { edges: [ArticleEdge!]! pageInfo: PageInfo! totalCount: Int! }
            type ArticleEdge { cursor: String! node: Article! }
            type PageInfo { hasNextPage: Boolean! endCursor: String }
            type Article implements Node { id: ID! title: String! statements(first: Int): StatementConnection! tags: [String!]! authors: [Actor!]! }
            type StatementConnection { edges: [StatementEdge!]! totalCount: Int! }
            type StatementEdge { node: Statement! }
            type Statement implements Node { id: ID! text: String! speaker: Actor! }
            type Actor implements Node { id: ID! name: String! statements(first: Int): StatementConnection! }
            """;

    private static final GraphQLSchema schema = new SchemaGenerator()
            .makeExecutableSchema(
                    new SchemaParser().parse(SDL),
                    RuntimeWiring.newRuntimeWiring()
                            .type("Node", t -> t.typeResolver(env -> null))
                            .build());

    // Measured against a tight cost limit so that small queries can cross it; the default is higher.
    private final LimitsProperties limits = LimitsProperties.of(Map.of("max-complexity", "10000"));

    @Test
    void defaults_letTwoNestedFullPagesOfSevenFieldsPass_butNotThreeNestedPages() {
        var defaults = LimitsProperties.defaults();
        var twoLevels = "{ articles(first: 100) { edges { node { statements(first: 100) { edges { node {"
                + " id".repeat(7) + " } } } } } } }";
        assertThat(QueryAnalysis.check(defaults, schema, Parser.parse(twoLevels), null, Map.of()))
                .isNull();
        var threeLevels = "{ articles(first: 100) { edges { node { statements(first: 100) { edges { node { speaker {"
                + " statements(first: 100) { edges { node { text } } } } } } } } } } }";
        assertThat(QueryAnalysis.check(defaults, schema, Parser.parse(threeLevels), null, Map.of())
                        .code())
                .isEqualTo(ErrorCode.QUERY_TOO_COMPLEX);
    }

    private LimitViolation check(String query) {
        return check(query, Map.of());
    }

    private LimitViolation check(String query, Map<String, Object> variables) {
        return QueryAnalysis.check(limits, schema, Parser.parse(query), null, variables);
    }

    @Test
    void largeTextFields_costTheirWeight_soTwoNestedFullPagesOfTextAreTooComplex() {
        var defaults = LimitsProperties.defaults();
        var texts =
                "{ articles(first: 100) { edges { node { statements(first: 100) { edges { node { text } } } } } } }";
        var violation = QueryAnalysis.check(defaults, schema, Parser.parse(texts), null, Map.of());
        assertThat(violation.code()).isEqualTo(ErrorCode.QUERY_TOO_COMPLEX);
        assertThat(violation.actual()).isGreaterThan(100L * 100 * 10);
        var ids = texts.replace("text", "id");
        assertThat(QueryAnalysis.check(defaults, schema, Parser.parse(ids), null, Map.of()))
                .isNull();
        var summaries = "{ articles(first: 100) { edges { node { summary } } } }";
        var configured = LimitsProperties.of(Map.of("max-complexity", "1000", "field-costs[Article.summary]", "20"));
        assertThat(QueryAnalysis.check(configured, schema, Parser.parse(summaries), null, Map.of())
                        .actual())
                .isGreaterThan(100L * 20);
    }

    @Test
    void ordinaryNestedPageQuery_isWithinLimits() {
        // language=GraphQL
        assertThat(check("""
                { articles(first: 20) { totalCount pageInfo { hasNextPage endCursor }
                    edges { cursor node { id title tags statements(first: 20) { edges { node { text speaker { name } } } } } } } }
                """)).isNull();
    }

    @Test
    void nestedPages_multiply_untilTheCostLimit() {
        // 100 articles x 100 statements x (edge + node + text) = 30,000 possible fields
        var violation = check("""
                { articles(first: 100) { edges { node { statements(first: 100) { edges { node { text } } } } } } }""");
        assertThat(violation).isNotNull();
        assertThat(violation.code()).isEqualTo(ErrorCode.QUERY_TOO_COMPLEX);
        assertThat(violation.actual()).isGreaterThan(limits.maxComplexity());
        assertThat(violation.message()).contains("at most " + limits.maxComplexity());
    }

    @Test
    void missingFirst_countsAsTheDefaultPageSize_andVariablesCountByTheirValue() {
        String query = """
                query($n: Int) { articles(first: $n) { edges { node { statements { edges { node { text speaker { statements(first: 50) { totalCount } } } } } } } } }""";
        var withVariable = check(query, Map.of("n", 100));
        var withDefault = check(query, Map.of());
        assertThat(withVariable.code()).isEqualTo(ErrorCode.QUERY_TOO_COMPLEX);
        assertThat(withDefault.code()).isEqualTo(ErrorCode.QUERY_TOO_COMPLEX);
        // articles 100 vs 20 (default): five times the nested cost
        assertThat(withVariable.actual()).isGreaterThan(4 * withDefault.actual());
    }

    @Test
    void connectionEdges_doNotMultiplyAgain() {
        // 20 x (edges 1 + node 1 + id 1) + articles 1 = 61: edges/node inside the connection are not lists again
        var tight = LimitsProperties.of(Map.of("max-complexity", "61"));
        String query = "{ articles(first: 20) { edges { node { id } } } }";
        assertThat(QueryAnalysis.check(tight, schema, Parser.parse(query), null, Map.of()))
                .isNull();
        var tighter = LimitsProperties.of(Map.of("max-complexity", "60"));
        assertThat(QueryAnalysis.check(tighter, schema, Parser.parse(query), null, Map.of())
                        .actual())
                .isEqualTo(61);
    }

    @Test
    void depth_followsFragments() {
        String deep =
                "{ articles { edges { node { ...A } } } } fragment A on Article { statements { edges { node { speaker { "
                        + "statements { edges { node { speaker { statements { edges { node { speaker { name } } } } } } } } } } } } }";
        var violation = check(deep);
        assertThat(violation.code()).isEqualTo(ErrorCode.QUERY_TOO_DEEP);
        assertThat(violation.actual()).isEqualTo(16L);
    }

    @Test
    void fragmentBomb_isCountedByMultiplyingNotExpanding_andRejectedByCost() {
        // each fragment uses the previous one twice (2^20 expansions), written in 20 short lines
        var query = new StringBuilder("{ articles { edges { node { authors { ...F20 } } } } }\n");
        query.append("fragment F0 on Actor { name }\n");
        for (int i = 1; i <= 20; i++) {
            query.append("fragment F")
                    .append(i)
                    .append(" on Actor { ...F")
                    .append(i - 1)
                    .append(" ...F")
                    .append(i - 1)
                    .append(" }\n");
        }
        var violation = check(query.toString());
        assertThat(violation.code()).isEqualTo(ErrorCode.QUERY_TOO_COMPLEX);
        // 20 articles x 10 authors x 2^20 names = 209,715,200, plus 61 for the levels above the fragments:
        // the cost of every expansion, found without enumerating them.
        assertThat(violation.actual()).isEqualTo(20L * 10 * (1L << 20) + 61);
    }

    @Test
    void fragmentCycle_isLeftToValidation_withoutOverflowingTheStack() {
        assertThat(check("{ articles { ...A } } fragment A on ArticleConnection { totalCount ...B } "
                        + "fragment B on ArticleConnection { ...A }"))
                .isNull();
    }

    @Test
    void pageSizes_countAsPageRequestWillApplyThem_andAreLeftToItToRefuse() {
        // PageRequest refuses these per field (INVALID_PAGE_SIZE, PAGE_SIZE_TOO_LARGE); the analysis only
        // must not be fooled into a tiny or overflowing cost
        assertThat(check("{ articles(first: -1) { totalCount } }")).isNull();
        assertThat(check("{ articles(first: 99999999999999999999999) { totalCount } }"))
                .isNull();
        var huge =
                "{ articles(first: 1000000) { edges { node { statements(first: 1000000) { edges { node { text } } } } } } }";
        var capped =
                "{ articles(first: 100) { edges { node { statements(first: 100) { edges { node { text } } } } } } }";
        assertThat(check(huge).actual()).isEqualTo(check(capped).actual());
    }

    @Test
    void nodeIds_overTheLimit_areRejected() {
        var ids = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> "\"A" + i + "\"")
                .toList();
        assertThat(check("{ nodes(ids: " + ids + ") { id } }").code()).isEqualTo(ErrorCode.TOO_MANY_IDS);
        assertThat(check("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", ids.subList(0, 100))))
                .isNull();
    }

    @Test
    void aliasesFieldsAndDirectives_areCountedAsWritten() {
        var aliases = new StringBuilder("{");
        for (int i = 0; i < 31; i++) aliases.append(" a").append(i).append(": articles { totalCount }");
        assertThat(check(aliases + "}").code()).isEqualTo(ErrorCode.TOO_MANY_ALIASES);

        var directives = new StringBuilder("{ articles { totalCount");
        for (int i = 0; i < 51; i++) directives.append(" @include(if: true)");
        assertThat(check(directives + " } }").code()).isEqualTo(ErrorCode.TOO_MANY_DIRECTIVES);

        var fields = new StringBuilder("{ articles { edges { node {");
        for (int i = 0; i < 498; i++) fields.append(" title");
        assertThat(check(fields + " } } } }").code()).isEqualTo(ErrorCode.TOO_MANY_FIELDS);
    }
}
