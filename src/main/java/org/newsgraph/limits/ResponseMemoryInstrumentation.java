package org.newsgraph.limits;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives each query its {@link ResponseMemory.Tally} when its operation starts (a mutation none: its answer must
 * say what it wrote, and its input bounds its size; a subscription none: its events are answers of their own),
 * gives its characters back when it ends, and replaces the
 * answer of one that was stopped: {@code RESPONSE_TOO_LARGE} ({@code data: null}) or {@code OVERLOADED}
 * (no {@code data}: nothing was served, so HTTP answers 503 with {@code Retry-After}).
 */
@Component
class ResponseMemoryInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(ResponseMemoryInstrumentation.class);

    private final ResponseMemory memory;
    private final long maxResponseSize;

    ResponseMemoryInstrumentation(ResponseMemory memory, LimitsProperties limits) {
        this.memory = memory;
        this.maxResponseSize = limits.maxResponseSize().toBytes();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        var context = parameters.getExecutionContext();
        if (context.getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY) {
            context.getGraphQLContext().put(ResponseMemory.Tally.class, memory.newTally());
        }
        return null;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (!(parameters.getGraphQLContext().get(ResponseMemory.Tally.class) instanceof ResponseMemory.Tally tally)) {
            return CompletableFuture.completedFuture(result);
        }
        tally.release();
        if (tally.tooLarge()) {
            log.warn("RESPONSE_TOO_LARGE: text over {} characters while fetching, stopped", maxResponseSize);
            var error = new ApiError(
                            ErrorCode.RESPONSE_TOO_LARGE,
                            "The answer would be larger than " + maxResponseSize
                                    + " characters and was not sent; ask for smaller pages or fewer text fields",
                            Map.of("limit", maxResponseSize, "stoppedAtCharacters", tally.held()))
                    .toGraphQlError();
            return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                    .data(null)
                    .errors(List.of(error))
                    .build());
        }
        if (tally.overloaded()) {
            log.warn(
                    "OVERLOADED: the answers in flight hold {} characters of text, over {}",
                    memory.inFlight(),
                    memory.budget());
            var error = ApiError.overloadedByAnswers().toGraphQlError();
            return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                    .errors(List.of(error))
                    .build());
        }
        return CompletableFuture.completedFuture(result);
    }
}
