package org.newsgraph.live;

import graphql.ExecutionResultImpl;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The WebSocket side of subscriptions: an API key in the {@code connection_init} payload
 * ({@code {"Authorization": "Bearer <key>"}}) is checked, and an unknown or revoked one closes the
 * connection (4401 Unauthorized) instead of leaving it silently anonymous; at most
 * {@code newsgraph.live.max-subscriptions-per-connection} subscriptions are open per connection (the next
 * one gets {@code TOO_MANY_SUBSCRIPTIONS}); a subscription whose client reads too slowly closes the
 * connection with code 1013 and the reason.
 */
@Component
class LiveWebSocketInterceptor implements WebSocketGraphQlInterceptor {

    private static final String OPEN = LiveWebSocketInterceptor.class.getName() + ".open";
    static final String KEY_NAME = LiveWebSocketInterceptor.class.getName() + ".keyName";

    private final ApiKeyService apiKeys;
    private final LiveProperties properties;

    LiveWebSocketInterceptor(ApiKeyService apiKeys, LiveProperties properties) {
        this.apiKeys = apiKeys;
        this.properties = properties;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object header = payload.getOrDefault("Authorization", payload.get("authorization"));
        if (header instanceof String value && !value.isBlank()) {
            String key = value.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? value.substring(7).trim()
                    : value.trim();
            var found = apiKeys.find(key);
            if (found.isEmpty()) {
                return Mono.error(new IllegalArgumentException("unknown or revoked API key"));
            }
            session.getAttributes().put(KEY_NAME, found.get().name());
        }
        return Mono.just(Map.of());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        var attributes = webSocket.getSessionInfo().getAttributes();
        var session = (WebSocketSession) attributes.get(LiveWebSocketConfiguration.SESSION);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                        Map.of(SubscriptionController.CLOSE_SLOW_CONSUMER, (Runnable) () -> close(session)))
                .build());
        var open = (AtomicInteger) attributes.computeIfAbsent(OPEN, key -> new AtomicInteger());
        return chain.next(request).map(response -> {
            if (!(response.getData() instanceof Publisher<?> stream)) {
                return response;
            }
            if (open.incrementAndGet() > properties.maxSubscriptionsPerConnection()) {
                open.decrementAndGet();
                return tooMany(request);
            }
            return response.transform(
                    builder -> builder.data(Flux.from(stream).doFinally(signal -> open.decrementAndGet())));
        });
    }

    private static void close(WebSocketSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close(new CloseStatus(1013, SlowConsumerException.REASON));
        } catch (IOException e) {
            // closed already
        }
    }

    private WebGraphQlResponse tooMany(WebGraphQlRequest request) {
        var error = ApiError.of(
                        ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                        "This connection has " + properties.maxSubscriptionsPerConnection()
                                + " subscriptions open already, the most it may; complete one first or open another"
                                + " connection")
                .toGraphQlError();
        var result = ExecutionResultImpl.newExecutionResult()
                .data(null)
                .errors(List.of(error))
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
