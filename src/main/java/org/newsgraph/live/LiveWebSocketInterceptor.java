package org.newsgraph.live;

import graphql.ExecutionResultImpl;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The WebSocket side of subscriptions (the API key of {@code connection_init} is checked by
 * {@link LiveWebSocketHandler}, and its role is the role of the connection's queries and mutations): at most
 * {@code newsgraph.live.max-subscriptions-per-connection} subscriptions are open per connection (the next
 * one gets {@code TOO_MANY_SUBSCRIPTIONS}); a subscription whose client reads too slowly closes the
 * connection with code 1013 and the reason. Ordered first among the subscription interceptors, so that
 * every subscriber counts, also one that shares another's execution ({@link SharedSubscriptions}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LiveWebSocketInterceptor implements WebSocketGraphQlInterceptor {

    private static final String OPEN = LiveWebSocketInterceptor.class.getName() + ".open";

    private final LiveProperties properties;

    LiveWebSocketInterceptor(LiveProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        var attributes = webSocket.getSessionInfo().getAttributes();
        var session = (WebSocketSession) attributes.get(LiveWebSocketHandler.SESSION);
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                        Map.of(SubscriptionController.CLOSE_SLOW_CONSUMER, (Runnable) () -> close(session)))
                .build());
        if (!SharedSubscriptions.isSubscription(request)) {
            return asCaller(chain.next(request), attributes);
        }
        // counted before it executes: a refused subscription leaves nothing behind (no execution to share)
        var open = (AtomicInteger) attributes.computeIfAbsent(OPEN, key -> new AtomicInteger());
        if (open.incrementAndGet() > properties.maxSubscriptionsPerConnection()) {
            open.decrementAndGet();
            return Mono.just(tooMany(request));
        }
        var released = new AtomicBoolean();
        var answered = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        return asCaller(chain.next(request), attributes)
                .map(response -> {
                    if (!(response.getData() instanceof Publisher<?> stream)) {
                        release.run(); // an error: nothing opened
                        return response;
                    }
                    answered.set(true); // from now on the stream releases its place
                    return response.transform(
                            builder -> builder.data(Flux.from(stream).doFinally(signal -> release.run())));
                })
                .doOnError(error -> release.run())
                .doOnCancel(() -> {
                    if (!answered.get()) {
                        release.run();
                    }
                });
    }

    /**
     * The connection_init's key is the caller of every operation of the connection: its SecurityContext reaches
     * the data fetchers (EditorAccess) as Spring Security's thread-local, by context propagation.
     */
    private static Mono<WebGraphQlResponse> asCaller(
            Mono<WebGraphQlResponse> executed, Map<String, Object> attributes) {
        if (attributes.get(LiveWebSocketHandler.AUTHENTICATION) instanceof Authentication key) {
            return executed.contextWrite(
                    context -> context.put(SecurityContext.class.getName(), new SecurityContextImpl(key)));
        }
        return executed;
    }

    /** What closes the connection of {@code request} as a slow consumer's (nothing outside a WebSocket). */
    static Runnable closeAction(WebGraphQlRequest request) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return () -> {};
        }
        var session =
                (WebSocketSession) webSocket.getSessionInfo().getAttributes().get(LiveWebSocketHandler.SESSION);
        return () -> close(session);
    }

    private static void close(WebSocketSession session) {
        if (session == null) {
            return;
        }
        if (session.getAttributes().get(LiveWebSocketHandler.SENDER) instanceof ConnectionSender sender) {
            sender.closeSlowConsumer(); // at once, dropping what waits, on a thread of its own
            return;
        }
        CloseFrames.close(session, ConnectionSender.SLOW_CONSUMER);
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
