package org.newsgraph.live;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Puts the cursor of each subscription event into its {@code extensions.cursor} (WebSocket and SSE):
 * {@link SubscriptionController} queues the cursor of every payload it emits, and graphql-java turns
 * payloads into results one by one, in order, so the head of the queue is the cursor of the next result.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class CursorExtensions implements WebGraphQlInterceptor {

    private static final String KEY = CursorExtensions.class.getName();

    /** The queue of the request of {@code context} (a detached one outside a web request). */
    static Queue<String> cursors(GraphQLContext context) {
        return context.computeIfAbsent(KEY, key -> new ConcurrentLinkedQueue<String>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public reactor.core.publisher.Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        var cursors = new ConcurrentLinkedQueue<String>();
        request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(Map.of(KEY, cursors)).build());
        return chain.next(request).map(response -> {
            if (!(response.getData() instanceof Publisher<?> stream)) {
                return response;
            }
            return response.transform(builder -> builder.data(
                    Flux.from((Publisher<ExecutionResult>) stream).map(result -> withCursor(result, cursors.poll()))));
        });
    }

    private static ExecutionResult withCursor(ExecutionResult result, String cursor) {
        if (cursor == null) {
            return result;
        }
        var extensions = new LinkedHashMap<Object, Object>();
        if (result.getExtensions() != null) {
            extensions.putAll(result.getExtensions());
        }
        extensions.put("cursor", cursor);
        return result.transform(builder -> builder.extensions(extensions));
    }
}
