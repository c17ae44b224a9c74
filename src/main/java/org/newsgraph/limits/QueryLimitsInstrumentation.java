package org.newsgraph.limits;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.newsgraph.error.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Enforces the {@link LimitsProperties} on every GraphQL request, before validation and execution:
 * <ul>
 * <li>parser limits (characters, tokens, whitespace tokens, rule depth) go into the request's
 * {@link ParserOptions}; a query over them fails parsing with {@code QUERY_TOO_LARGE};</li>
 * <li>the parsed document is measured by {@link QueryAnalysis} (depth, cost, aliases, fields,
 * directives, node IDs, NUL characters) before validation, and again before execution when the
 * document came from the document cache; one over a limit aborts the request with that limit's code.
 * A cached document keeps its analyses for the variables it was sent with ({@link AnalysisMemo}).</li>
 * </ul>
 * Nothing of the request runs then: the response has {@code errors} and no {@code data}, which Spring
 * for GraphQL answers with 400 for {@code application/graphql-response+json} and 200 for
 * {@code application/json}, as the GraphQL-over-HTTP spec says.
 */
@Component
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final LimitsProperties limits;
    private final Bulkhead bulkhead;
    private final Map<String, FieldCost> fieldCosts;
    private final ParserOptions parserOptions;
    /**
     * Messages of syntax errors that came from a parser limit. The document cache keeps such errors and
     * answers later requests with them without parsing, so the message is what identifies them then.
     * They differ only by limit and locale: a handful.
     */
    private final Set<String> parserLimitMessages = ConcurrentHashMap.newKeySet();

    public QueryLimitsInstrumentation(LimitsProperties limits, Bulkhead bulkhead) {
        this(limits, bulkhead, List.of());
    }

    /** With the cost functions that analytics and other features register for fields that price their work. */
    @org.springframework.beans.factory.annotation.Autowired
    public QueryLimitsInstrumentation(LimitsProperties limits, Bulkhead bulkhead, List<FieldCost> fieldCosts) {
        this.limits = limits;
        this.bulkhead = bulkhead;
        var byField = new java.util.HashMap<String, FieldCost>();
        for (FieldCost cost : fieldCosts) byField.put(cost.field(), cost);
        this.fieldCosts = Map.copyOf(byField);
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
                .transform(options -> options.maxCharacters(limits.maxCharacters())
                        .maxTokens(limits.maxTokens())
                        .maxWhitespaceTokens(limits.maxWhitespaceTokens())
                        .maxRuleDepth(limits.maxRuleDepth())
                        // the offending token is the client's own text; echoing it adds nothing
                        .redactTokenParserErrorMessages(true));
    }

    /** Per request: whether parsing was cancelled by a parser limit, and whether the limits were checked. */
    static final class State implements InstrumentationState {
        volatile boolean parseCancelled;
        volatile boolean checked;
        volatile QueryAnalysis.Result analysis;
        volatile Bulkhead.Turn turn;
    }

    /** Gives back the bulkhead turn of the request, however its execution ended. */
    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return SimpleInstrumentationContext.whenCompleted((result, error) -> {
            if (state instanceof State requestState && requestState.turn != null) requestState.turn.close();
        });
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new State();
    }

    @Override
    public ExecutionInput instrumentExecutionInput(
            ExecutionInput executionInput, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        executionInput.getGraphQLContext().put(ParserOptions.class, parserOptions);
        return executionInput;
    }

    @Override
    public InstrumentationContext<Document> beginParse(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return SimpleInstrumentationContext.whenCompleted((document, error) -> {
            if ((error instanceof ParseCancelledException || error instanceof ParseCancelledTooManyCharsException)) {
                if (parserLimitMessages.size() < 64) parserLimitMessages.add(error.getMessage());
                if (state instanceof State requestState) requestState.parseCancelled = true;
            }
        });
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(
            InstrumentationValidationParameters parameters, InstrumentationState state) {
        var input = parameters.getExecutionInput();
        var analysis = check(parameters.getSchema(), parameters.getDocument(), input);
        if (state instanceof State requestState) {
            requestState.analysis = analysis;
            requestState.checked = true;
        }
        return null;
    }

    /**
     * A document served from the parsed-document cache skips parsing and validation, but not the limits:
     * the cost depends on this request's variables ({@code first: $n}), so it is measured again here,
     * still before anything executes.
     */
    @Override
    public ExecutionContext instrumentExecutionContext(
            ExecutionContext executionContext,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        QueryAnalysis.Result analysis = (state instanceof State requestState && requestState.checked)
                ? requestState.analysis
                : check(
                        executionContext.getGraphQLSchema(),
                        executionContext.getDocument(),
                        executionContext.getExecutionInput());
        boolean query = executionContext.getOperationDefinition() != null
                && executionContext.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY;
        if (query && analysis != null && bulkhead.isExpensive(analysis.cost(), analysis.searches())) {
            try {
                var turn = bulkhead.enter();
                if (state instanceof State requestState) {
                    requestState.turn = turn;
                } else {
                    turn.close();
                }
            } catch (Bulkhead.BulkheadFullException full) {
                throw new AbortExecutionException(List.of(full.error().toGraphQlError()));
            }
        }
        return executionContext;
    }

    private QueryAnalysis.Result check(GraphQLSchema schema, Document document, ExecutionInput input) {
        // The document cache hands each cached document's memo to its requests (see AnalysisMemo).
        AnalysisMemo memo = input.getGraphQLContext().get(AnalysisMemo.class);
        long now = System.nanoTime();
        QueryAnalysis.Result analysis =
                (memo == null) ? null : memo.get(input.getOperationName(), input.getVariables(), now);
        if (analysis == null) {
            analysis = QueryAnalysis.analyse(
                    limits, fieldCosts, schema, document, input.getOperationName(), input.getVariables());
            if (memo != null) memo.put(input.getOperationName(), input.getVariables(), analysis, now);
        }
        if (analysis.violation() != null) {
            throw new AbortExecutionException(List.of(analysis.violation().toError()));
        }
        return analysis;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        boolean cancelledNow = state instanceof State requestState && requestState.parseCancelled;
        boolean cancelledBefore = result.getErrors().stream()
                .anyMatch(error -> error.getErrorType() == graphql.ErrorType.InvalidSyntax
                        && parserLimitMessages.contains(error.getMessage()));
        if (!cancelledNow && !cancelledBefore) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = new ArrayList<>();
        for (var error : result.getErrors()) {
            var extensions = new LinkedHashMap<String, Object>(
                    error.getExtensions() == null ? java.util.Map.of() : error.getExtensions());
            extensions.put("code", ErrorCode.QUERY_TOO_LARGE.name());
            extensions.put(
                    "classification", ErrorCode.QUERY_TOO_LARGE.classification().name());
            extensions.put(
                    "limits",
                    java.util.Map.of(
                            "maxCharacters",
                            limits.maxCharacters(),
                            "maxTokens",
                            limits.maxTokens(),
                            "maxWhitespaceTokens",
                            limits.maxWhitespaceTokens(),
                            "maxRuleDepth",
                            limits.maxRuleDepth()));
            errors.add(GraphqlErrorBuilder.newError()
                    .message(error.getMessage())
                    .locations(error.getLocations())
                    .errorType(error.getErrorType())
                    .extensions(extensions)
                    .build());
        }
        return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(errors)
                .build());
    }
}
