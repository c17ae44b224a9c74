package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.newsgraph.error.ApiException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sharing of subscription executions, with a stand-in for the execution (a stream of results the test
 * emits): the end-to-end behaviour with real graphql-ws clients is in {@code src/test/js/live}.
 */
class SharedSubscriptionsTest {

    // language=GraphQL
    static final String SUBSCRIPTION =
            "subscription($s: ID, $after: String) { statementAdded(filter: {speaker: $s}," + " after: $after) { id } }";

    /** The execution: counts how often it runs and whether its stream is followed. */
    static final class Execution implements WebGraphQlInterceptor.Chain {
        final Sinks.Many<ExecutionResult> events = Sinks.many().multicast().directBestEffort();
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger followers = new AtomicInteger();
        /** Requests whose execution was cancelled (Spring cancels it when its client goes away). */
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public Mono<WebGraphQlResponse> next(WebGraphQlRequest request) {
            runs.incrementAndGet();
            Flux<ExecutionResult> stream = events.asFlux()
                    .doOnSubscribe(s -> followers.incrementAndGet())
                    .doFinally(signal -> followers.decrementAndGet());
            var result = ExecutionResultImpl.newExecutionResult().data(stream).build();
            return Mono.just(new WebGraphQlResponse(
                            new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)))
                    .doOnCancel(cancelled::incrementAndGet);
        }

        void emit(int n) {
            events.tryEmitNext(ExecutionResultImpl.newExecutionResult()
                    .data(Map.of("n", n))
                    .build());
        }

        /** An event that counts how often it is turned into its JSON form. */
        void emitCounting(int n, AtomicInteger specifications) {
            events.tryEmitNext(new ExecutionResultImpl(Map.of("n", n), List.of()) {
                @Override
                public Map<String, Object> toSpecification() {
                    specifications.incrementAndGet();
                    return super.toSpecification();
                }
            });
        }
    }

    /** A client: reads everything, or nothing until told to. */
    static final class Client extends BaseSubscriber<ExecutionResult> {
        final List<Integer> received = new ArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile boolean completed;
        private final boolean reads;

        Client(boolean reads) {
            this.reads = reads;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (reads) {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        protected void hookOnNext(ExecutionResult value) {
            Map<String, Object> data = value.getData();
            received.add((Integer) data.get("n"));
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }
    }

    static WebGraphQlRequest request(String document, Map<String, Object> variables, String authorization) {
        var headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        var body = new HashMap<String, Object>();
        body.put("query", document);
        body.put("variables", variables);
        return new WebGraphQlRequest(
                URI.create("http://localhost/graphql"), headers, null, null, Map.of(), body, "1", null);
    }

    /** Subscription {@code id} of speaker {@code speaker} over the WebSocket connection of {@code sender}. */
    static WebGraphQlRequest overWebSocket(String id, ConnectionSender sender, String speaker) {
        var attributes = new ConcurrentHashMap<String, Object>();
        attributes.put(LiveWebSocketHandler.SENDER, sender);
        var session = new WebSocketSessionInfo() {
            @Override
            public String getId() {
                return sender.getId();
            }

            @Override
            public Map<String, Object> getAttributes() {
                return attributes;
            }

            @Override
            public URI getUri() {
                return URI.create("ws://localhost/graphql");
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }

            @Override
            public Mono<Principal> getPrincipal() {
                return Mono.empty();
            }

            @Override
            public InetSocketAddress getRemoteAddress() {
                return null;
            }
        };
        var body = new HashMap<String, Object>();
        body.put("query", SUBSCRIPTION);
        body.put("variables", Map.of("s", speaker));
        return new WebSocketGraphQlRequest(
                URI.create("ws://localhost/graphql"), new HttpHeaders(), null, null, Map.of(), body, id, null, session);
    }

    static WebGraphQlRequest speaker(String id) {
        return request(SUBSCRIPTION, Map.of("s", id), null);
    }

    static Client subscribe(SharedSubscriptions shared, WebGraphQlRequest request, Execution execution, boolean reads) {
        var client = new Client(reads);
        var response = shared.intercept(request, execution).block();
        Flux.from(stream(response)).subscribe(client);
        return client;
    }

    @SuppressWarnings("unchecked")
    static Publisher<ExecutionResult> stream(WebGraphQlResponse response) {
        return (Publisher<ExecutionResult>) response.getData();
    }

    static SharedSubscriptions shared(int buffer) {
        return new SharedSubscriptions(
                new LiveProperties(null, null, null, null, buffer, null, null, null),
                JsonMapper.builder().build());
    }

    @Test
    void identicalSubscriptions_executeOnce_andEachGetsEveryEventFromItsJoiningOn() {
        var shared = shared(16);
        var execution = new Execution();
        var first = subscribe(shared, speaker("A1"), execution, true);
        execution.emit(1);
        var second = subscribe(shared, speaker("A1"), execution, true);
        var third = subscribe(shared, speaker("A1"), execution, true);
        execution.emit(2);
        execution.emit(3);

        assertThat(execution.runs).as("one execution").hasValue(1);
        assertThat(execution.followers).hasValue(1);
        assertThat(shared.openSubscriptions()).isEqualTo(3);
        assertThat(first.received).containsExactly(1, 2, 3);
        assertThat(second.received).containsExactly(2, 3);
        assertThat(third.received).containsExactly(2, 3);
    }

    @Test
    void aSubscriberThatDoesNotRead_endsAloneWithSlowConsumer_theOthersGoOn() {
        var shared = shared(4);
        var execution = new Execution();
        var reading = subscribe(shared, speaker("A1"), execution, true);
        var idle = subscribe(shared, speaker("A1"), execution, false);
        for (int n = 1; n <= 10; n++) {
            execution.emit(n);
        }

        assertThat(reading.received).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(reading.error.get()).isNull();
        idle.request(100);
        assertThat(idle.received).as("what fitted in its buffer").containsExactly(1, 2, 3, 4);
        assertThat(idle.error.get())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("SLOW_CONSUMER"));
        assertThat(shared.openSubscriptions()).isEqualTo(1);
        execution.emit(11);
        assertThat(reading.received).endsWith(11);
    }

    @Test
    void theLastSubscriberLeaving_cancelsTheExecution_andTheNextOneExecutesAnew() {
        var shared = shared(16);
        var execution = new Execution();
        var first = subscribe(shared, speaker("A1"), execution, true);
        var second = subscribe(shared, speaker("A1"), execution, true);
        first.cancel();
        execution.emit(1);
        assertThat(second.received).containsExactly(1);
        assertThat(execution.followers).as("still followed for the second").hasValue(1);

        second.cancel();
        assertThat(execution.followers).as("cancelled with the last subscriber").hasValue(0);
        assertThat(shared.sharedExecutions()).isZero();
        assertThat(shared.openSubscriptions()).isZero();

        var third = subscribe(shared, speaker("A1"), execution, true);
        execution.emit(2);
        assertThat(execution.runs).hasValue(2);
        assertThat(third.received).containsExactly(2);
    }

    @Test
    void theClientOfTheExecutingSubscriptionGoingAway_doesNotCancelTheSharedExecution() {
        var shared = shared(16);
        var execution = new Execution();
        // as a transport does: the response and its stream in one pipeline, cancelled as a whole
        var first = new Client(true);
        shared.intercept(speaker("A1"), execution)
                .flatMapMany(response -> Flux.from(stream(response)))
                .subscribe(first);
        var second = subscribe(shared, speaker("A1"), execution, true);
        execution.emit(1);
        first.cancel();
        execution.emit(2);

        assertThat(execution.cancelled).hasValue(0);
        assertThat(first.received).containsExactly(1);
        assertThat(second.received).containsExactly(1, 2);
    }

    @Test
    void differentVariablesOrCallers_executeSeparately() {
        var shared = shared(16);
        var execution = new Execution();
        subscribe(shared, speaker("A1"), execution, true);
        subscribe(shared, speaker("A2"), execution, true);
        subscribe(shared, request(SUBSCRIPTION, Map.of("s", "A1"), "Bearer key-of-an-editor"), execution, true);
        subscribe(shared, speaker("A1"), execution, true);

        assertThat(execution.runs).hasValue(3);
        assertThat(shared.sharedExecutions()).isEqualTo(3);
    }

    @Test
    void aSubscriptionResumingFromACursor_executesAlone() {
        var withCursor = new HashMap<String, Object>();
        withCursor.put("s", "A1");
        withCursor.put("after", "some-cursor");
        var nullCursor = new HashMap<String, Object>();
        nullCursor.put("s", "A1");
        nullCursor.put("after", null);

        assertThat(SharedSubscriptions.keyOf(request(SUBSCRIPTION, withCursor, null)))
                .isNull();
        assertThat(SharedSubscriptions.keyOf(
                        request("subscription { statementAdded(after: \"some-cursor\") { id } }", Map.of(), null)))
                .isNull();
        assertThat(SharedSubscriptions.keyOf(request(SUBSCRIPTION, nullCursor, null)))
                .as("after: null is no cursor")
                .isNotNull();
        assertThat(SharedSubscriptions.keyOf(request("{ statements(first: 1) { totalCount } }", Map.of(), null)))
                .as("a query is not a subscription")
                .isNull();
        assertThat(SharedSubscriptions.keyOf(request("subscription { statementAdded { id ", Map.of(), null)))
                .as("a document that does not parse is left to the execution")
                .isNull();
    }

    @Test
    void webSocketSubscribersOfAnExecution_getEachEventAsNextMessagesWithTheirIds_writtenToJsonOnce() throws Exception {
        var shared = shared(16);
        var execution = new Execution();
        var session = RecordingSession.reading("c1");
        var sender = new ConnectionSender(session, Runnable::run, Runnable::run, 100);
        var a = subscribe(shared, overWebSocket("a", sender, "A1"), execution, true);
        var b = subscribe(shared, overWebSocket("b", sender, "A1"), execution, true);
        var specifications = new AtomicInteger();
        execution.emitCounting(1, specifications);
        execution.emitCounting(2, specifications);

        assertThat(execution.runs).hasValue(1);
        var mapper = JsonMapper.builder().build();
        var messages = session.written.stream().map(mapper::readTree).toList();
        assertThat(messages).hasSize(4);
        assertThat(messages)
                .allSatisfy(m -> assertThat(m.path("type").asString()).isEqualTo("next"));
        assertThat(messages.stream()
                        .map(m -> m.path("id").asString()
                                + m.path("payload").path("data").path("n").asInt()))
                .containsExactly("a1", "b1", "a2", "b2");
        assertThat(specifications)
                .as("each event's JSON is written once for both")
                .hasValue(2);
        assertThat(a.received)
                .as("the events go to the connection, not through the stream")
                .isEmpty();

        execution.events.tryEmitComplete();
        assertThat(a.completed).isTrue();
        assertThat(b.completed).isTrue();
        assertThat(shared.openSubscriptions()).isZero();
    }

    @Test
    void aWebSocketSubscriberWhoseClientDoesNotRead_endsWithSlowConsumer_theOthersGoOn() throws Exception {
        var shared = shared(4);
        var execution = new Execution();
        var writers = Executors.newFixedThreadPool(2);
        var closers = Executors.newCachedThreadPool();
        try {
            var stuck = RecordingSession.stuck("stuck");
            var idle = subscribe(
                    shared,
                    overWebSocket("x", new ConnectionSender(stuck, writers, closers, 100), "A1"),
                    execution,
                    true);
            var reading = RecordingSession.reading("reading");
            var reader = subscribe(
                    shared,
                    overWebSocket("y", new ConnectionSender(reading, Runnable::run, Runnable::run, 100), "A1"),
                    execution,
                    true);
            execution.emit(1);
            assertThat(stuck.awaitBlocked())
                    .as("its first event is being written")
                    .isTrue();
            for (int n = 2; n <= 10; n++) {
                execution.emit(n);
            }

            assertThat(idle.error.get())
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("SLOW_CONSUMER"));
            assertThat(stuck.awaitClose()).isTrue();
            assertThat(stuck.closedWith.get().getCode()).isEqualTo(1013);
            assertThat(reading.written).hasSize(10);
            assertThat(reader.error.get()).isNull();
            assertThat(shared.openSubscriptions()).isEqualTo(1);
        } finally {
            writers.shutdownNow();
            closers.shutdownNow();
        }
    }
}
