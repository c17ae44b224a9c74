package org.newsgraph.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.error.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlSseHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring's GraphQL over SSE handler, except for answers that are not a stream: Spring replaces every one of them
 * (a parse or validation error, a limit's refusal, {@code NOT_A_SUBSCRIPTION}) by the uncoded error "SSE handler
 * supports only subscriptions". Those that are complete when the handler gets them (refusals before execution
 * are) are answered as a JSON error body with their own errors and codes: 400, or the code's status (503 for
 * {@code OVERLOADED}).
 */
final class ErrorReportingSseHandler extends GraphQlSseHandler {

    /** The request attribute (also in the GraphQL request's attributes) of a request served here. */
    static final String OVER_SSE = ErrorReportingSseHandler.class.getName() + ".request";

    private final JsonMapper jsonMapper;

    ErrorReportingSseHandler(
            WebGraphQlHandler graphQlHandler, Duration timeout, Duration keepAlive, JsonMapper jsonMapper) {
        super(graphQlHandler, timeout, keepAlive);
        this.jsonMapper = jsonMapper;
    }

    /**
     * Marks the request as GraphQL over SSE for {@link SubscriptionsOnlyOverSse}: only Spring's routing knows that
     * ({@code text/event-stream} preferred in {@code Accept}; urql lists it after the JSON types on every query).
     */
    @Override
    public ServerResponse handleRequest(ServerRequest request) throws jakarta.servlet.ServletException {
        request.attributes().put(OVER_SSE, Boolean.TRUE);
        return super.handleRequest(request);
    }

    @Override
    protected ServerResponse prepareResponse(ServerRequest request, Mono<WebGraphQlResponse> responseMono) {
        CompletableFuture<WebGraphQlResponse> response = responseMono.toFuture();
        if (response.isDone() && !response.isCompletedExceptionally()) {
            WebGraphQlResponse answer = response.join();
            if (!(answer.getData() instanceof Publisher<?>)
                    && !answer.getErrors().isEmpty()) {
                Map<String, Object> body = answer.toMap();
                return ServerResponse.status(status(body))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(jsonMapper.writeValueAsBytes(body));
            }
        }
        return super.prepareResponse(request, Mono.fromFuture(response));
    }

    private static HttpStatus status(Map<String, Object> body) {
        if (body.get("errors") instanceof List<?> errors
                && !errors.isEmpty()
                && errors.get(0) instanceof Map<?, ?> error
                && error.get("extensions") instanceof Map<?, ?> extensions
                && extensions.get("code") instanceof String code) {
            try {
                HttpStatus status = ErrorCode.valueOf(code).httpStatus();
                return status.is5xxServerError() ? status : HttpStatus.BAD_REQUEST;
            } catch (IllegalArgumentException notOurs) {
                return HttpStatus.BAD_REQUEST;
            }
        }
        return HttpStatus.BAD_REQUEST;
    }
}
