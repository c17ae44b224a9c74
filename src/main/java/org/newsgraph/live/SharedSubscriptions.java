package org.newsgraph.live;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.language.Field;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscriptions that would receive the same events share one execution: the same document, operation name,
 * variables and extensions, from the same caller (API key), without {@code after} (a resumed subscription
 * replays its own past and runs alone). The first such subscription executes as usual (limits, validation,
 * its feed registration, its selection once per change); later ones join its stream without executing, and
 * each subscriber gets every event from its joining on, in order, through a bounded buffer of its own
 * ({@code newsgraph.live.shared-send-buffer}): a subscriber that does not keep up ends alone with
 * {@code SLOW_CONSUMER} (its WebSocket connection is closed with that reason), the others go on. When the last
 * subscriber leaves, the execution is cancelled. With 1,000 subscriptions over a dozen distinct filters the
 * server runs a dozen executions per change instead of a thousand.
 *
 * <p>Ordered after {@link LiveWebSocketInterceptor} (each subscriber counts towards its connection's limit)
 * and before {@link CursorExtensions} (the shared events carry their cursors already).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class SharedSubscriptions implements WebGraphQlInterceptor {

    private final LiveProperties properties;
    private final JsonMapper mapper;
    private final Map<Key, SharedExecution> groups = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    SharedSubscriptions(LiveProperties properties, JsonMapper mapper) {
        this.properties = properties;
        this.mapper = mapper;
    }

    /** Executions that subscriptions can join now. */
    int sharedExecutions() {
        return groups.size();
    }

    /** Subscriptions open on this instance (WebSocket and SSE), sharing an execution or not. */
    int openSubscriptions() {
        return open.get();
    }

    /** What subscriptions must have in common to share an execution. */
    record Key(
            String document,
            String operationName,
            Map<String, Object> variables,
            Map<String, Object> extensions,
            String caller) {}

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Key key = properties.shareExecutions() ? keyOf(request) : null;
        if (key == null) {
            return chain.next(request).map(this::counted);
        }
        return share(request, chain, key).map(this::counted);
    }

    /**
     * The first subscription of a key executes; identical ones arriving meanwhile or later wait for its
     * outcome: a stream they join, or the same errors. The execution is subscribed here, apart from the
     * first subscriber's own request: that client going away (Spring then cancels its execution) must not
     * end an execution that others share.
     */
    private Mono<WebGraphQlResponse> share(WebGraphQlRequest request, Chain chain, Key key) {
        Runnable close = LiveWebSocketInterceptor.closeAction(request);
        return Mono.deferContextual(context -> {
            var created =
                    new SharedExecution(properties.sharedSendBuffer(), mapper, ended -> groups.remove(key, ended));
            var existing = groups.putIfAbsent(key, created);
            var group = (existing != null) ? existing : created;
            var answered = group.await();
            if (existing == null) {
                // The execution's own feed registration overflowing means the shared execution fell behind:
                // its subscribers' connections are closed, as a lone subscription's would be.
                request.configureExecutionInput((input, builder) -> builder.graphQLContext(
                                Map.of(SubscriptionController.CLOSE_SLOW_CONSUMER, (Runnable) created::closeMembers))
                        .build());
                chain.next(request)
                        .contextWrite(own -> own.putAll(context))
                        .subscribe(created::executed, created::failed, created::abandoned);
            }
            return answered.flatMap(outcome -> answer(request, chain, key, close, group, outcome));
        });
    }

    /** What a subscription that waited for {@code group}'s execution answers. */
    private Mono<WebGraphQlResponse> answer(
            WebGraphQlRequest request, Chain chain, Key key, Runnable close, SharedExecution group, Object outcome) {
        if (outcome instanceof WebGraphQlResponse response) {
            if (response.getData() instanceof Publisher<?>) {
                Supplier<Flux<ExecutionResult>> ifEnded = () -> alone(request, chain, key);
                var sender = LiveWebSocketHandler.senderOf(request);
                return Mono.just(streamResponse(
                        request,
                        (sender != null)
                                ? group.socketMember(sender, request.getId(), ifEnded)
                                : group.member(close, ifEnded)));
            }
            // the same errors as the execution it waited for
            return Mono.just(new WebGraphQlResponse(
                    new DefaultExecutionGraphQlResponse(request.toExecutionInput(), response.getExecutionResult())));
        }
        if (outcome instanceof Throwable error) {
            return Mono.error(error);
        }
        return share(request, chain, key); // the execution was cancelled before it answered: try again
    }

    /** A subscriber whose group ended before it subscribed: it executes after all (maybe in a new group). */
    private Flux<ExecutionResult> alone(WebGraphQlRequest request, Chain chain, Key key) {
        return share(request, chain, key).flatMapMany(response -> {
            if (response.getData() instanceof Publisher<?> stream) {
                @SuppressWarnings("unchecked")
                var results = (Publisher<ExecutionResult>) stream;
                return Flux.from(results);
            }
            return Flux.error(new SubscriptionPublisherException(
                    response.getExecutionResult().getErrors(), null));
        });
    }

    /** A subscription's stream counts as open while subscribed. */
    private WebGraphQlResponse counted(WebGraphQlResponse response) {
        if (!(response.getData() instanceof Publisher<?> stream)) {
            return response;
        }
        return response.transform(builder -> builder.data(Flux.from(stream)
                .doOnSubscribe(subscription -> open.incrementAndGet())
                .doFinally(signal -> open.decrementAndGet())));
    }

    private static WebGraphQlResponse streamResponse(WebGraphQlRequest request, Flux<ExecutionResult> stream) {
        ExecutionResult result =
                ExecutionResultImpl.newExecutionResult().data(stream).build();
        ExecutionGraphQlResponse response = new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result);
        return new WebGraphQlResponse(response);
    }

    /** Whether {@code request}'s operation is a subscription (a document that does not parse is not). */
    static boolean isSubscription(WebGraphQlRequest request) {
        return subscription(request) != null;
    }

    private static OperationDefinition subscription(WebGraphQlRequest request) {
        String document = request.getDocument();
        // a cheap test first: most queries and mutations are not parsed here
        if (document == null || !document.contains("subscription")) {
            return null;
        }
        OperationDefinition operation;
        try {
            operation = operation(Parser.parse(document), request.getOperationName());
        } catch (InvalidSyntaxException e) {
            return null; // the execution reports it
        }
        return (operation != null && operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)
                ? operation
                : null;
    }

    /** The key of a subscription that may share its execution, or null. */
    static Key keyOf(WebGraphQlRequest request) {
        var operation = subscription(request);
        if (operation == null || resumes(operation, request.getVariables())) {
            return null;
        }
        return new Key(
                request.getDocument(),
                request.getOperationName(),
                copy(request.getVariables()),
                copy(request.getExtensions()),
                caller(request));
    }

    private static OperationDefinition operation(graphql.language.Document document, String name) {
        var operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null) {
            return (operations.size() == 1) ? operations.get(0) : null;
        }
        return operations.stream()
                .filter(o -> name.equals(o.getName()))
                .findFirst()
                .orElse(null);
    }

    /**
     * Whether a root field has a non-null {@code after} (its subscriber replays from a cursor of its own), or
     * the root selection is not plain fields (fragments are not looked into: such a subscription runs alone).
     */
    private static boolean resumes(OperationDefinition operation, Map<String, Object> variables) {
        for (var selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field)) {
                return true;
            }
            for (var argument : field.getArguments()) {
                if (!argument.getName().equals("after")) {
                    continue;
                }
                var value = argument.getValue();
                if (value instanceof VariableReference variable) {
                    if (variables.get(variable.getName()) != null) {
                        return true;
                    }
                } else if (!(value instanceof NullValue)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Who asks: the API key of the WebSocket's {@code connection_init}, or the request's Authorization. */
    private static String caller(WebGraphQlRequest request) {
        Object keyName = null;
        if (request instanceof WebSocketGraphQlRequest webSocket) {
            keyName = webSocket.getSessionInfo().getAttributes().get(LiveWebSocketHandler.KEY_NAME);
        }
        return keyName + "|" + request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return Collections.unmodifiableMap(new HashMap<>(map));
    }
}
