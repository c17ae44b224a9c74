package org.newsgraph.web;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Several instrumentations that only hook whole-request steps (state, execution input, parse,
 * validation, execution context, result), run as one. graphql-java's {@link ChainedInstrumentation},
 * which Spring for GraphQL always installs, also asks every instrumentation for a context at every field
 * fetch and completion and combines them: on the deep traversal (~3,100 values) that was 13 % of the
 * server's CPU for instrumentations that return none. This one inherits
 * {@link SimplePerformantInstrumentation}'s "no context" for the per-field steps.
 *
 * <p>{@link #of(List)} uses it only when no instrumentation overrides a per-field step (checked by
 * reflection); otherwise it falls back to the {@link ChainedInstrumentation}.
 */
final class RequestLevelInstrumentation extends SimplePerformantInstrumentation {

    /** The steps delegated here; an instrumentation overriding any other step needs the full chain. */
    private static final Set<String> REQUEST_LEVEL_STEPS = Set.of(
            "createState",
            "createStateAsync",
            "instrumentExecutionInput",
            "instrumentDocumentAndVariables",
            "instrumentSchema",
            "instrumentExecutionContext",
            "instrumentExecutionResult",
            "beginExecution",
            "beginParse",
            "beginValidation",
            "beginExecuteOperation");

    private final List<Instrumentation> delegates;

    private RequestLevelInstrumentation(List<Instrumentation> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    /** The instrumentation to install for {@code instrumentations} (in order), or null for none. */
    static Instrumentation of(List<Instrumentation> instrumentations) {
        if (instrumentations.isEmpty()) {
            return null;
        }
        if (!instrumentations.stream().allMatch(RequestLevelInstrumentation::hooksOnlyRequestSteps)) {
            return new ChainedInstrumentation(instrumentations);
        }
        return (instrumentations.size() == 1)
                ? instrumentations.get(0)
                : new RequestLevelInstrumentation(instrumentations);
    }

    /** Whether every step {@code instrumentation} overrides is a request-level one. */
    static boolean hooksOnlyRequestSteps(Instrumentation instrumentation) {
        if (!(instrumentation instanceof SimplePerformantInstrumentation)) {
            // Instrumentation's defaults return no-op contexts instead of null: the chain handles those.
            return false;
        }
        for (Method method : Instrumentation.class.getMethods()) {
            if (REQUEST_LEVEL_STEPS.contains(method.getName()) || method.isSynthetic()) {
                continue;
            }
            try {
                Class<?> declaredBy = instrumentation
                        .getClass()
                        .getMethod(method.getName(), method.getParameterTypes())
                        .getDeclaringClass();
                if (declaredBy != SimplePerformantInstrumentation.class && declaredBy != Instrumentation.class) {
                    return false;
                }
            } catch (NoSuchMethodException ex) {
                return false;
            }
        }
        return true;
    }

    /** The per-request states of the delegates, in their order. */
    private record States(InstrumentationState[] states) implements InstrumentationState {}

    private InstrumentationState stateOf(InstrumentationState state, int index) {
        return (state instanceof States s) ? s.states[index] : null;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        var futures = new ArrayList<CompletableFuture<InstrumentationState>>(delegates.size());
        for (var delegate : delegates) {
            CompletableFuture<InstrumentationState> future = delegate.createStateAsync(parameters);
            futures.add((future != null) ? future : CompletableFuture.completedFuture(null));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done ->
                        new States(futures.stream().map(CompletableFuture::join).toArray(InstrumentationState[]::new)));
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return createStateAsync(parameters).join();
    }

    @Override
    public ExecutionInput instrumentExecutionInput(
            ExecutionInput executionInput, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return fold(
                executionInput,
                (value, i) -> delegates.get(i).instrumentExecutionInput(value, parameters, stateOf(state, i)));
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(
            DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return fold(
                documentAndVariables,
                (value, i) -> delegates.get(i).instrumentDocumentAndVariables(value, parameters, stateOf(state, i)));
    }

    @Override
    public GraphQLSchema instrumentSchema(
            GraphQLSchema schema, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return fold(schema, (value, i) -> delegates.get(i).instrumentSchema(value, parameters, stateOf(state, i)));
    }

    @Override
    public ExecutionContext instrumentExecutionContext(
            ExecutionContext executionContext,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return fold(
                executionContext,
                (value, i) -> delegates.get(i).instrumentExecutionContext(value, parameters, stateOf(state, i)));
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult result, InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return fold(
                CompletableFuture.completedFuture(result),
                (future, i) -> future.thenCompose(
                        value -> delegates.get(i).instrumentExecutionResult(value, parameters, stateOf(state, i))));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return begin(i -> delegates.get(i).beginExecution(parameters, stateOf(state, i)));
    }

    @Override
    public InstrumentationContext<Document> beginParse(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return begin(i -> delegates.get(i).beginParse(parameters, stateOf(state, i)));
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(
            InstrumentationValidationParameters parameters, InstrumentationState state) {
        return begin(i -> delegates.get(i).beginValidation(parameters, stateOf(state, i)));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        return begin(i -> delegates.get(i).beginExecuteOperation(parameters, stateOf(state, i)));
    }

    /** Passes {@code value} through the step of every delegate, in order ({@code step} gets the delegate's index). */
    private <V> V fold(V value, BiFunction<V, Integer, V> step) {
        for (int i = 0; i < delegates.size(); i++) {
            value = step.apply(value, i);
        }
        return value;
    }

    /** The delegates' contexts of a step ({@code step} gets the delegate's index) as one, or null if none has one. */
    private <T> InstrumentationContext<T> begin(IntFunction<InstrumentationContext<T>> step) {
        var contexts = new ArrayList<InstrumentationContext<T>>();
        for (int i = 0; i < delegates.size(); i++) {
            add(contexts, step.apply(i));
        }
        return combine(contexts);
    }

    private static <T> void add(List<InstrumentationContext<T>> contexts, InstrumentationContext<T> context) {
        if (context != null) {
            contexts.add(context);
        }
    }

    private static <T> InstrumentationContext<T> combine(List<InstrumentationContext<T>> contexts) {
        if (contexts.isEmpty()) {
            return null;
        }
        if (contexts.size() == 1) {
            return contexts.get(0);
        }
        return new InstrumentationContext<>() {
            @Override
            public void onDispatched() {
                contexts.forEach(InstrumentationContext::onDispatched);
            }

            @Override
            public void onCompleted(T result, Throwable t) {
                contexts.forEach(context -> context.onCompleted(result, t));
            }
        };
    }
}
