package org.newsgraph.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one request may ask of NewsGraph ({@code newsgraph.limits.*}). A request over a limit is rejected
 * before anything executes, with an error code in {@code extensions.code}. The defaults fit the
 * clients we know (GraphiQL's introspection query, the operations under {@code graphql/}) with room
 * to spare; raise them for trusted deployments rather than lowering the guard for everybody.
 *
 * @param maxDepth deepest nesting of fields, fragments expanded (QUERY_TOO_DEEP); default 15
 * @param maxComplexity most result fields a query can produce: each field costs 1, and a list field
 *        multiplies what is below it by its {@code first}/{@code last} (or PageRequest's default page
 *        size, 20; capped at its maximum, 100, which PageRequest enforces per field);
 *        {@code edges}/{@code node} of a connection do not multiply again (QUERY_TOO_COMPLEX); default 100,000 (the deep actor traversal of the benchmark, 20 actors x 10 statements x their events and participants, costs about 65,000)
 * @param maxAliases aliased fields in the document (TOO_MANY_ALIASES); default 30
 * @param maxFields field selections in the document as written (TOO_MANY_FIELDS); default 500
 * @param maxDirectives directives in the document (TOO_MANY_DIRECTIVES); default 50
 * @param assumedListSize length assumed for cost of a list field without paging arguments (a statement's events, an
 *        event's participants: a handful in news data); default 10
 * @param maxNodeIds most IDs in {@code nodes(ids:)} (TOO_MANY_IDS); default 100
 * @param maxCharacters parser limit: characters of the query text (QUERY_TOO_LARGE); default 100,000
 * @param maxTokens parser limit: grammar tokens (QUERY_TOO_LARGE); default 15,000 (graphql-java's default)
 * @param maxWhitespaceTokens parser limit: whitespace and comment tokens (QUERY_TOO_LARGE); default 50,000
 * @param maxRuleDepth parser limit: grammar rule nesting, guards the parser's stack (QUERY_TOO_LARGE); default 300
 * @param maxRequestSize largest HTTP request body (413, REQUEST_TOO_LARGE); default 1 MB, room for an
 *        article document in variables
 * @param requestTimeout a GraphQL request that takes longer answers with TIMEOUT; default 10 s
 * @param statementTimeout PostgreSQL {@code statement_timeout} of the API's pooled connections (TIMEOUT);
 *        default 5 s, below the request timeout so the database query ends first and frees its
 *        connection; 0 turns it off (the {@code import} command does so)
 */
@ConfigurationProperties("newsgraph.limits")
public record LimitsProperties(
        Integer maxDepth,
        Long maxComplexity,
        Integer maxAliases,
        Integer maxFields,
        Integer maxDirectives,
        Integer assumedListSize,
        Integer maxNodeIds,
        Integer maxCharacters,
        Integer maxTokens,
        Integer maxWhitespaceTokens,
        Integer maxRuleDepth,
        DataSize maxRequestSize,
        Duration requestTimeout,
        Duration statementTimeout) {

    public LimitsProperties {
        if (maxDepth == null) maxDepth = 15;
        if (maxComplexity == null) maxComplexity = 100_000L;
        if (maxAliases == null) maxAliases = 30;
        if (maxFields == null) maxFields = 500;
        if (maxDirectives == null) maxDirectives = 50;
        if (assumedListSize == null) assumedListSize = 10;
        if (maxNodeIds == null) maxNodeIds = 100;
        if (maxCharacters == null) maxCharacters = 100_000;
        if (maxTokens == null) maxTokens = 15_000;
        if (maxWhitespaceTokens == null) maxWhitespaceTokens = 50_000;
        if (maxRuleDepth == null) maxRuleDepth = 300;
        if (maxRequestSize == null) maxRequestSize = DataSize.ofMegabytes(1);
        if (requestTimeout == null) requestTimeout = Duration.ofSeconds(10);
        if (statementTimeout == null) statementTimeout = Duration.ofSeconds(5);
    }

    /** The defaults, for tests and tools that run without Spring. */
    public static LimitsProperties defaults() {
        return new LimitsProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
