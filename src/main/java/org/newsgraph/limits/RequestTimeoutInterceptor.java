package org.newsgraph.limits;

import graphql.ExecutionResultImpl;
import java.util.concurrent.TimeoutException;
import org.newsgraph.error.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends a GraphQL request that runs longer than {@code newsgraph.limits.request-timeout} with a
 * {@code TIMEOUT} error (like Spring's {@code TimeoutWebGraphQlInterceptor}, but answering in GraphQL
 * rather than with a bare 408). It is the backstop: the PostgreSQL {@code statement_timeout} is
 * shorter, so a slow database query normally ends first and its connection goes back to the pool.
 * <p>Limitation: Spring for GraphQL runs synchronous data fetchers on the request thread while the
 * response is subscribed, so for them the TIMEOUT answer is written only once the blocking fetcher
 * returns; what bounds them in time is the statement timeout. Asynchronous fetchers (DataLoaders
 * completing later, CompletableFutures) are cut off at the request timeout.
 */
@Component
public class RequestTimeoutInterceptor implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RequestTimeoutInterceptor.class);

    private final LimitsProperties limits;

    public RequestTimeoutInterceptor(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request)
                .timeout(limits.requestTimeout())
                .onErrorResume(TimeoutException.class, timeout -> Mono.fromSupplier(() -> timedOut(request)));
    }

    private WebGraphQlResponse timedOut(WebGraphQlRequest request) {
        var errorId = ApiError.newErrorId();
        log.warn(
                "TIMEOUT {}: GraphQL request {} exceeded the request timeout of {}",
                errorId,
                request.getId(),
                limits.requestTimeout());
        var error = ApiError.timeout(errorId)
                .with("timeoutMillis", limits.requestTimeout().toMillis())
                .toGraphQlError();
        // The request was executing: data is present (null), as after any execution error.
        var result = ExecutionResultImpl.newExecutionResult()
                .data(null)
                .addError(error)
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
