package org.newsgraph.metrics;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.newsgraph.sqlmetrics.SqlStatementCounter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * One timer per GraphQL request, {@code newsgraph.graphql.requests} tagged with the operation name and the
 * outcome ({@code success}; {@code error}: errors beside data; {@code failure}: no data, e.g. a parse,
 * validation or limit error), and the SQL statements each request ran, {@code newsgraph.graphql.sql.statements}
 * tagged with the operation name. Per request, not per field: graphql-java's per-field observations cost 14 %
 * of the CPU on the deep traversal, this costs two meter updates.
 *
 * <p>Operation names come from clients, so their number is bounded: after
 * {@code newsgraph.metrics.max-operation-names} (100) distinct names, others are counted as {@code OTHER};
 * a request without a name is {@code anonymous}, one whose name is no GraphQL name (or over 100 characters)
 * {@code OTHER}. {@code newsgraph.metrics.enabled=false} turns this off.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "newsgraph.metrics.enabled", matchIfMissing = true)
public class GraphQlRequestMetrics implements WebGraphQlInterceptor {

    static final String TIMER = "newsgraph.graphql.requests";
    static final String STATEMENTS = "newsgraph.graphql.sql.statements";
    static final String OTHER = "OTHER";
    static final String ANONYMOUS = "anonymous";
    private static final String OPERATION_NAME = GraphQlRequestMetrics.class.getName() + ".operation";
    /** A GraphQL name of reasonable length; anything else cannot be an operation's name. */
    private static final java.util.regex.Pattern GRAPHQL_NAME =
            java.util.regex.Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,99}");

    private final MeterRegistry registry;
    private final SqlStatementCounter statements;
    private final int maxOperationNames;
    private final Map<String, Meters> byOperation = new ConcurrentHashMap<>();

    public GraphQlRequestMetrics(
            MeterRegistry registry,
            ObjectProvider<SqlStatementCounter> statements,
            @Value("${newsgraph.metrics.max-operation-names:100}") int maxOperationNames) {
        this.registry = registry;
        this.statements = statements.getIfAvailable();
        this.maxOperationNames = maxOperationNames;
    }

    /** The meters of one operation name. */
    private final class Meters {
        final Timer success;
        final Timer error;
        final Timer failure;
        final DistributionSummary sql;

        Meters(String operation) {
            success = timer(operation, "success");
            error = timer(operation, "error");
            failure = timer(operation, "failure");
            sql = (statements == null)
                    ? null
                    : DistributionSummary.builder(STATEMENTS)
                            .description("SQL statements run by one GraphQL request")
                            .tag("operation", operation)
                            .register(registry);
        }

        private Timer timer(String operation, String outcome) {
            return Timer.builder(TIMER)
                    .description("GraphQL requests, from the start of execution to the response")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry);
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            SqlStatementCounter.Count count = (statements != null) ? statements.begin() : null;
            return chain.next(request)
                    .doOnNext(response -> {
                        Object executed =
                                response.getExecutionInput().getGraphQLContext().get(OPERATION_NAME);
                        Meters meters = meters((executed instanceof String name) ? name : request.getOperationName());
                        record(outcome(meters, response), start);
                        if (count != null) {
                            meters.sql.record(count.statements());
                        }
                    })
                    .doOnError(error -> record(meters(request.getOperationName()).failure, start))
                    .doFinally(signal -> {
                        if (count != null) {
                            statements.end();
                        }
                    });
        });
    }

    /**
     * Puts the name of the operation that executes into the GraphQL context: the request's
     * {@code operationName} is often absent (one operation in the document, persisted queries).
     */
    @Bean
    static Instrumentation operationNameInstrumentation() {
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                var context = parameters.getExecutionContext();
                String name = context.getOperationDefinition().getName();
                if (name != null) {
                    context.getGraphQLContext().put(OPERATION_NAME, name);
                }
                return null;
            }
        };
    }

    private static void record(Timer timer, long start) {
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static Timer outcome(Meters meters, WebGraphQlResponse response) {
        if (response.getErrors().isEmpty()) {
            return meters.success;
        }
        return response.isValid() ? meters.error : meters.failure;
    }

    private Meters meters(String operationName) {
        String name = (operationName == null || operationName.isBlank())
                ? ANONYMOUS
                : GRAPHQL_NAME.matcher(operationName).matches() ? operationName : OTHER;
        Meters meters = byOperation.get(name);
        if (meters != null) {
            return meters;
        }
        if (byOperation.size() >= maxOperationNames) {
            name = OTHER;
        }
        return byOperation.computeIfAbsent(name, Meters::new);
    }
}
