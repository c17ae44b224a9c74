package org.newsgraph.web;

import graphql.ExecutionResultImpl;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Map;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * GraphQL over SSE ({@code POST} with {@code Accept: text/event-stream}) serves subscriptions only. Spring's SSE
 * handler executes whatever it is sent and only then notices that the answer is not a stream: a mutation sent
 * that way was written while its client was told "SSE handler supports only subscriptions". A query or mutation
 * is refused here before it runs, with {@code NOT_A_SUBSCRIPTION} ({@link ErrorReportingSseHandler} answers it
 * as JSON with status 400).
 */
@Component
class SubscriptionsOnlyOverSse implements WebGraphQlInterceptor {

    private final DocumentCache documents;

    SubscriptionsOnlyOverSse(DocumentCache documents) {
        this.documents = documents;
    }

    @Override
    public reactor.core.publisher.Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest
                || !Boolean.TRUE.equals(request.getAttributes().get(ErrorReportingSseHandler.OVER_SSE))) {
            return chain.next(request);
        }
        var operation = documents.selectedOperation(request.getDocument(), hash(request), request.getOperationName());
        if (operation.isPresent() && operation.get() != OperationDefinition.Operation.SUBSCRIPTION) {
            var error = ApiError.of(
                            ErrorCode.NOT_A_SUBSCRIPTION,
                            "GraphQL over SSE (Accept: text/event-stream) serves subscriptions; send a "
                                    + operation.get().name().toLowerCase(java.util.Locale.ROOT)
                                    + " with Accept: application/graphql-response+json or application/json."
                                    + " Nothing was executed")
                    .toGraphQlError();
            var result = ExecutionResultImpl.newExecutionResult()
                    .errors(List.of(error))
                    .build();
            return reactor.core.publisher.Mono.just(
                    new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
        }
        return chain.next(request);
    }

    private static String hash(WebGraphQlRequest request) {
        if (request.getExtensions().get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash) {
            return hash;
        }
        return null;
    }
}
