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
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One subscription execution and the subscribers that share it ({@link SharedSubscriptions}): the first
 * executes, the others wait for its {@link #await outcome}; each subscriber has a bounded buffer of its own.
 */
final class SharedExecution {

    /** The outcome of a cancelled execution: whoever waited for it executes again. */
    private static final Object CANCELLED = new Object();

    private final int buffer;
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
     * @param onEnd runs when no one can join any more (the group leaves the map of joinable executions)
     */
    SharedExecution(int buffer, Consumer<SharedExecution> onEnd) {
        this.buffer = buffer;
        this.onEnd = onEnd;
    }

    /** One subscriber: its buffer and what closes its connection. */
    private record Member(BoundedDelivery<ExecutionResult> delivery, Runnable close) {}

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
            var member = new Member(new BoundedDelivery<>(buffer, close, "events"), close);
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
            return member.delivery().flux().doFinally(signal -> leave(member));
        });
    }

    private void follow() {
        upstream.update(Flux.from(source).subscribe(this::next, this::fail, this::complete));
    }

    private void next(ExecutionResult result) {
        List<Member> now;
        synchronized (this) {
            now = List.copyOf(members);
        }
        for (var member : now) {
            if (!member.delivery().offer(result)) {
                leave(member); // too slow (ended with SLOW_CONSUMER) or gone
            }
        }
    }

    private void fail(Throwable error) {
        for (var member : end()) {
            member.delivery().fail(error);
        }
    }

    private void complete() {
        for (var member : end()) {
            member.delivery().complete();
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
