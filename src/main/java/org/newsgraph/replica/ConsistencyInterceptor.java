package org.newsgraph.replica;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.httpcache.HttpCaching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes across replicas. Sets the {@link ReadRouting} of each GraphQL request:
 * <ul>
 * <li>a mutation reads on the primary, payload included, and its response carries
 * {@code extensions.consistencyToken}: the primary's WAL insert position after the commit, which covers
 * the commit record whether or not the commit waited for the WAL flush;</li>
 * <li>a request with header {@code NewsGraph-Consistency-Token} reads only on replicas that have replayed
 * that far (known from the last check, else asked), else on the primary; a token that is no WAL position
 * answers {@code INVALID_CONSISTENCY_TOKEN};</li>
 * <li>a query during which a replica failed (connection lost, server shut down, a query cancelled by a
 * recovery conflict) runs once more on the primary, so the client sees no error.</li>
 * </ul>
 * Without replicas only the token is added (one {@code SELECT} per mutation).
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ConsistencyInterceptor implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyInterceptor.class);

    static final String EXTENSION = "consistencyToken";
    private static final String INVALID_TOKEN = ConsistencyInterceptor.class.getName() + ".invalidToken";

    private final JdbcClient jdbc;
    private final ObjectProvider<ReadReplicas> replicas;

    public ConsistencyInterceptor(JdbcClient jdbc, ObjectProvider<ReadReplicas> replicas) {
        this.jdbc = jdbc;
        this.replicas = replicas;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return Mono.defer(() -> {
            ReadRouting.Route route = ReadRouting.begin();
            String token = request.getHeaders().getFirst(HttpCaching.CONSISTENCY_TOKEN_HEADER);
            if (token != null) {
                long lsn = Lsn.parse(token);
                if (lsn < 0) {
                    request.configureExecutionInput((input, builder) ->
                            builder.graphQLContext(Map.of(INVALID_TOKEN, token)).build());
                } else {
                    route.minLsn = lsn;
                    ReadReplicas available = replicas.getIfAvailable();
                    route.primaryOnly = available == null || !available.anyReplayed(lsn);
                }
            }
            return chain.next(request)
                    .flatMap(response -> {
                        if (route.replicaFailed && !route.mutation && !route.primaryOnly) {
                            log.info(
                                    "A read replica failed during request {}: running it on the primary",
                                    request.getId());
                            route.primaryOnly = true;
                            route.replicaFailed = false;
                            return chain.next(request);
                        }
                        return Mono.just(response);
                    })
                    .map(response -> route.mutation ? withToken(response) : response)
                    .doFinally(signal -> ReadRouting.end());
        });
    }

    private WebGraphQlResponse withToken(WebGraphQlResponse response) {
        String lsn;
        try {
            lsn = jdbc.sql("select pg_current_wal_insert_lsn()::text")
                    .query(String.class)
                    .single();
        } catch (RuntimeException e) {
            log.warn("No consistency token for a mutation: {}", e.getMessage());
            return response;
        }
        return response.transform(builder -> {
            Map<Object, Object> extensions = new LinkedHashMap<>(response.getExtensions());
            extensions.put(EXTENSION, lsn);
            builder.extensions(extensions);
        });
    }

    /**
     * Marks mutations, before any of their fields runs, so that they and their payloads read on the primary;
     * refuses a malformed consistency token.
     */
    @Bean
    static Instrumentation readRoutingInstrumentation() {
        return new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                var context = parameters.getExecutionContext();
                Object invalid = context.getGraphQLContext().get(INVALID_TOKEN);
                if (invalid != null) {
                    throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                            .message(
                                    "Header %s must be a consistency token from a mutation's"
                                            + " extensions.consistencyToken (like 0/16B3F20)",
                                    HttpCaching.CONSISTENCY_TOKEN_HEADER)
                            .errorType(ErrorType.BAD_REQUEST)
                            .extensions(Map.of("code", "INVALID_CONSISTENCY_TOKEN"))
                            .build()));
                }
                var route = ReadRouting.current();
                var operation = context.getOperationDefinition().getOperation();
                if (route != null && operation != OperationDefinition.Operation.QUERY) {
                    // a subscription starts next to its LISTEN on the primary; only mutations get a token
                    route.mutation = operation == OperationDefinition.Operation.MUTATION;
                    route.primaryOnly = true;
                }
                return null;
            }
        };
    }
}
