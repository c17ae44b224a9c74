package org.newsgraph.live;

import graphql.ExecutionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.web.socket.TextMessage;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * One subscription execution and the subscribers that share it ({@link SharedSubscriptions}): the first
 * executes, the others wait for its {@link #await outcome}; each subscriber has a bounded buffer of its own.
 */
final class SharedExecution {

    /** The outcome of a cancelled execution: whoever waited for it executes again. */
    private static final Object CANCELLED = new Object();

    private final int buffer;
    private final JsonMapper mapper;
    private final Consumer<SharedExecution> onEnd;
    private final Sinks.One<Object> outcome = Sinks.one();
    /** Subscribers waiting for the outcome. */
    private final AtomicInteger waiting = new AtomicInteger();

    private final Disposable.Swap upstream = Disposables.swap();
    /** Guarded by {@code this}, as are the fields below. */
    private final List<Member> members = new ArrayList<>();

    private Publisher<ExecutionResult> source;
    private boolean started;
    private boolean ended;

    /**
     * @param buffer events a subscriber may have waiting
     * @param mapper writes an event's JSON for the WebSocket subscribers
     * @param onEnd runs when no one can join any more (the group leaves the map of joinable executions)
     */
    SharedExecution(int buffer, JsonMapper mapper, Consumer<SharedExecution> onEnd) {
        this.buffer = buffer;
        this.mapper = mapper;
        this.onEnd = onEnd;
    }

    /**
     * One event of the execution, for all its subscribers: its JSON is written once, by the first WebSocket
     * subscriber that needs it, and the others send the same text (only the subscription id differs).
     */
    static final class Event {
        final ExecutionResult result;
        private volatile String json;

        Event(ExecutionResult result) {
            this.result = result;
        }

        String json(JsonMapper mapper) {
            String written = json;
            if (written == null) {
                synchronized (this) {
                    written = json;
                    if (written == null) {
                        written = mapper.writeValueAsString(result.toSpecification());
                        json = written;
                    }
                }
            }
            return written;
        }
    }

    /** One subscriber: where its events go, and what closes its connection. */
    private interface Member {
        /** @return false when the subscriber is gone or was too slow (nothing more will be delivered) */
        boolean offer(Event event);

        void complete();

        void fail(Throwable error);

        Runnable close();
    }

    /** A subscriber with a stream of its own (SSE, or any transport but our WebSocket): a bounded buffer. */
    private record StreamMember(BoundedDelivery<ExecutionResult> delivery, Runnable close) implements Member {
        @Override
        public boolean offer(Event event) {
            return delivery.offer(event.result);
        }

        @Override
        public void complete() {
            delivery.complete();
        }

        @Override
        public void fail(Throwable error) {
            delivery.fail(error);
        }
    }

    /**
     * A subscriber over our WebSocket: its events are written into its connection's queue as
     * {@code next} messages (the event's JSON, shared, behind this subscription's id), by the thread that
     * produced them; Spring for GraphQL's stream of the subscription carries only its end (complete or error),
     * which it sends after them. At most {@code buffer} of its events wait in the queue: over that it ends with
     * {@code SLOW_CONSUMER} and the connection is closed with that reason.
     */
    private final class SocketMember implements Member {
        private final ConnectionSender sender;
        private final String prefix;
        private final AtomicInteger waiting = new AtomicInteger();
        private final Sinks.Empty<ExecutionResult> end = Sinks.empty();

        SocketMember(ConnectionSender sender, String id) {
            this.sender = sender;
            this.prefix = "{\"id\":" + mapper.writeValueAsString(id) + ",\"type\":\"next\",\"payload\":";
        }

        @Override
        public boolean offer(Event event) {
            if (waiting.get() >= buffer) {
                end.tryEmitError(new SlowConsumerException(buffer, "events"));
                sender.closeSlowConsumer();
                return false;
            }
            var offered = sender.offer(new TextMessage(prefix + event.json(mapper) + "}"), waiting);
            if (offered == ConnectionSender.Offer.FULL) {
                end.tryEmitError(new SlowConsumerException(sender.capacity(), "messages"));
            }
            return offered == ConnectionSender.Offer.QUEUED;
        }

        @Override
        public void complete() {
            end.tryEmitEmpty();
        }

        @Override
        public void fail(Throwable error) {
            end.tryEmitError(error);
        }

        @Override
        public Runnable close() {
            return sender::closeSlowConsumer;
        }

        Flux<ExecutionResult> flux() {
            return end.asMono().flux();
        }
    }

    /**
     * The execution's response, its error, or {@link #CANCELLED}, once it is there, for one more subscriber
     * waiting for it (counted from this call on).
     */
    Mono<Object> await() {
        waiting.incrementAndGet(); // at once: the execution may answer before the Mono is subscribed
        var counted = new AtomicBoolean(true);
        Runnable done = () -> {
            if (counted.compareAndSet(true, false)) {
                waiting.decrementAndGet();
            }
        };
        return outcome.asMono()
                .doOnNext(value -> done.run())
                .doOnError(error -> done.run())
                .doOnCancel(done);
    }

    @SuppressWarnings("unchecked")
    void executed(WebGraphQlResponse response) {
        if (response.getData() instanceof Publisher<?> stream) {
            boolean unwanted;
            synchronized (this) {
                source = (Publisher<ExecutionResult>) stream;
                unwanted = waiting.get() == 0; // every subscriber went away before the answer
            }
            if (unwanted) {
                end(); // its stream is never followed: nothing registered with the feed
            }
        } else {
            end(); // nothing to share: later identical subscriptions execute themselves
        }
        outcome.tryEmitValue(response);
    }

    void failed(Throwable error) {
        end();
        outcome.tryEmitValue(error);
    }

    /** After the execution's answer, or without one (it completed empty): then it is no group to join. */
    void abandoned() {
        boolean answered;
        synchronized (this) {
            answered = source != null || ended;
        }
        if (!answered) {
            end();
            outcome.tryEmitValue(CANCELLED);
        }
    }

    /**
     * The stream of one more subscriber, from when it subscribes; if the group has ended by then (its
     * last subscriber left, or the execution ended), {@code ifEnded}'s stream instead.
     */
    Flux<ExecutionResult> member(Runnable close, Supplier<Flux<ExecutionResult>> ifEnded) {
        return Flux.defer(() -> {
            var delivery = new BoundedDelivery<ExecutionResult>(buffer, close, "events");
            return join(new StreamMember(delivery, close), delivery.flux(), ifEnded);
        });
    }

    /**
     * Like {@link #member}, for a subscriber over our WebSocket: subscription {@code id} of the connection whose
     * queue is {@code sender}. The stream returned carries no events (they go into the queue), only the end.
     */
    Flux<ExecutionResult> socketMember(ConnectionSender sender, String id, Supplier<Flux<ExecutionResult>> ifEnded) {
        return Flux.defer(() -> {
            var member = new SocketMember(sender, id);
            return join(member, member.flux(), ifEnded);
        });
    }

    private Flux<ExecutionResult> join(
            Member member, Flux<ExecutionResult> stream, Supplier<Flux<ExecutionResult>> ifEnded) {
        boolean start;
        synchronized (this) {
            if (ended) {
                return ifEnded.get();
            }
            members.add(member);
            start = source != null && !started;
            started |= start;
        }
        if (start) {
            follow();
        }
        return stream.doFinally(signal -> leave(member));
    }

    private void follow() {
        upstream.update(Flux.from(source).subscribe(this::next, this::fail, this::complete));
    }

    private void next(ExecutionResult result) {
        List<Member> now;
        synchronized (this) {
            now = List.copyOf(members);
        }
        var event = new Event(result);
        for (var member : now) {
            if (!member.offer(event)) {
                leave(member); // too slow (ended with SLOW_CONSUMER) or gone
            }
        }
    }

    private void fail(Throwable error) {
        for (var member : end()) {
            member.fail(error);
        }
    }

    private void complete() {
        for (var member : end()) {
            member.complete();
        }
    }

    /** Closes every subscriber's connection (the shared execution fell behind the feed). */
    void closeMembers() {
        List<Member> now;
        synchronized (this) {
            now = List.copyOf(members);
        }
        now.forEach(member -> member.close().run());
    }

    /** No one joins from now on; returns who was there. */
    private List<Member> end() {
        synchronized (this) {
            ended = true;
            onEnd.accept(this);
            var all = List.copyOf(members);
            members.clear();
            return all;
        }
    }

    private void leave(Member member) {
        synchronized (this) {
            if (!members.remove(member) || !members.isEmpty() || ended) {
                return;
            }
            ended = true;
            onEnd.accept(this);
        }
        upstream.dispose();
    }
}
