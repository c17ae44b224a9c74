package org.newsgraph.limits;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
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
 * @param maxArgumentLength longest string in the arguments and variables of a query (ARGUMENT_TOO_LONG);
 *        default 2,000 characters (an article URL may be that long; {@code search(query:)} takes 500)
 * @param maxInputStringLength longest string in the input of a mutation (ARGUMENT_TOO_LONG); default
 *        1,000,000 characters, an article body; the document validator bounds each field more tightly
 * @param maxInputDepth deepest nesting of objects and lists in the variables (VARIABLES_TOO_LARGE);
 *        default 12 (an article document needs 6)
 * @param maxInputValues most values (objects, lists, scalars) in the variables (VARIABLES_TOO_LARGE);
 *        default 100,000
 * @param maxResponseSize largest answer, in characters of JSON, before it is written
 *        (RESPONSE_TOO_LARGE); default 4 MB
 * @param fieldCosts cost of one value of a field ({@code "Type.field"}), instead of 1, for fields whose
 *        values are large (text) or slow; a field can also declare {@code @cost(weight:)} in its schema
 *        file. Defaults: {@code Article.summary} 50, {@code Statement.text}, {@code Event.description},
 *        {@code Actor.description} 10
 * @param expensiveCost from this cost on, a query is expensive and runs under the bulkhead; default 1,000 (about
 *        400 kB of text at most: 200 cheap queries at once stay within a 512 MB heap)
 * @param expensiveConcurrency how many expensive queries (cost over {@code expensiveCost}, or a full-text
 *        or fuzzy search) run at once; default 3, so that 2 of the 5 pool connections stay for the rest
 * @param expensiveQueueTimeout how long an expensive query waits for its turn before it is refused with
 *        OVERLOADED; default 5 s
 * @param responseMemory how many characters of string values all the answers being built at once may hold
 *        ({@link ResponseMemory}): a query whose strings would go over it is refused with OVERLOADED; default
 *        an eighth of the maximum heap (64 MB of a 512 MB heap: an answer in memory, its JSON and the rows it
 *        came from take about three times its characters)
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
        Duration statementTimeout,
        Integer maxArgumentLength,
        Integer maxInputStringLength,
        Integer maxInputDepth,
        Integer maxInputValues,
        DataSize maxResponseSize,
        Map<String, Integer> fieldCosts,
        Long expensiveCost,
        Integer expensiveConcurrency,
        Duration expensiveQueueTimeout,
        DataSize responseMemory) {

    /** The text fields that cost more than 1 unless configured otherwise. */
    static final Map<String, Integer> DEFAULT_FIELD_COSTS = Map.of(
            "Article.summary", 50,
            "Statement.text", 10,
            "Event.description", 10,
            "Actor.description", 10);

    @ConstructorBinding
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
        if (maxArgumentLength == null) maxArgumentLength = 2_000;
        if (maxInputStringLength == null) maxInputStringLength = 1_000_000;
        if (maxInputDepth == null) maxInputDepth = 12;
        if (maxInputValues == null) maxInputValues = 100_000;
        if (maxResponseSize == null) maxResponseSize = DataSize.ofMegabytes(4);
        var costs = new HashMap<>(DEFAULT_FIELD_COSTS);
        if (fieldCosts != null) costs.putAll(fieldCosts);
        fieldCosts = Map.copyOf(costs);
        if (expensiveCost == null) expensiveCost = 1_000L;
        if (expensiveConcurrency == null) expensiveConcurrency = 3;
        if (expensiveQueueTimeout == null) expensiveQueueTimeout = Duration.ofSeconds(5);
        if (responseMemory == null)
            responseMemory = DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 8);
    }

    /** The defaults, for tests and tools that run without Spring. */
    public static LimitsProperties defaults() {
        return of(Map.of());
    }

    /**
     * The limits of these settings, named as under {@code newsgraph.limits} ({@code "max-complexity"},
     * {@code "request-timeout"}, {@code "field-costs[Article.summary]"}) and bound as the configuration is,
     * the others at their defaults: for tests and tools that run without Spring.
     */
    public static LimitsProperties of(Map<String, ?> settings) {
        var prefixed = new HashMap<String, Object>();
        settings.forEach((name, value) -> prefixed.put("newsgraph.limits." + name, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("newsgraph.limits", LimitsProperties.class);
    }
}
