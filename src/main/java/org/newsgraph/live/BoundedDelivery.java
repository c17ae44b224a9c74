package org.newsgraph.live;

import java.util.concurrent.LinkedBlockingQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Items for one subscriber, with room for {@code capacity} that it has not taken yet. When an item does
 * not fit, the subscriber's stream ends with {@link SlowConsumerException} (after what is buffered) and
 * {@code onOverflow} runs (it closes the client's connection), instead of buffering without end.
 */
final class BoundedDelivery<T> {

    private final Sinks.Many<T> sink;
    private final int capacity;
    private final Runnable onOverflow;
    private final String unit;

    BoundedDelivery(int capacity, Runnable onOverflow) {
        this(capacity, onOverflow, "batches of changes");
    }

    /** @param unit what an item is, for the {@code SLOW_CONSUMER} message ("batches of changes", "events") */
    BoundedDelivery(int capacity, Runnable onOverflow, String unit) {
        // an exact bound (Reactor's own queues round the capacity up), and linked: an empty buffer costs a few
        // bytes, not an array of its capacity (1,000 subscribers x 2,048 events would be 8 MB of empty arrays)
        this.sink = Sinks.many().unicast().onBackpressureBuffer(new LinkedBlockingQueue<T>(capacity));
        this.capacity = capacity;
        this.onOverflow = onOverflow;
        this.unit = unit;
    }

    Flux<T> flux() {
        return sink.asFlux();
    }

    /** @return false when the subscriber is gone or was too slow (nothing more will be delivered) */
    boolean offer(T item) {
        var result = sink.tryEmitNext(item);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            sink.tryEmitError(new SlowConsumerException(capacity, unit));
            onOverflow.run();
            return false;
        }
        return !result.isFailure();
    }

    void complete() {
        sink.tryEmitComplete();
    }

    /** Ends the subscriber's stream with {@code error}, after what is buffered. */
    void fail(Throwable error) {
        sink.tryEmitError(error);
    }
}
