package org.newsgraph.limits;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.newsgraph.error.ApiError;
import org.springframework.stereotype.Component;

/**
 * Keeps expensive queries from taking every database connection (and the heap): at most
 * {@code expensive-concurrency} of them run at once; the next ones wait in line, each at most
 * {@code expensive-queue-timeout}, and are then refused with {@code OVERLOADED}. A query is expensive
 * when its cost reaches {@code expensive-cost} or when it runs a full-text or fuzzy search. Cheap
 * queries, mutations and health checks never wait here, so with the default pool of 5 connections two
 * always remain for them, whatever a flood of expensive queries does.
 */
@Component
public class Bulkhead {

    private final Semaphore turns;
    private final LimitsProperties limits;

    public Bulkhead(LimitsProperties limits) {
        this.limits = limits;
        this.turns = new Semaphore(Math.max(1, limits.expensiveConcurrency()), true);
    }

    /** Whether a query of this cost and kind waits for a turn. */
    boolean isExpensive(long cost, boolean searches) {
        return searches || cost >= limits.expensiveCost();
    }

    /** A turn held by one request; {@link #close()} gives it back once. */
    public final class Turn implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) turns.release();
        }
    }

    /**
     * Waits for a turn.
     *
     * @throws BulkheadFullException with the {@code OVERLOADED} error when none came in time
     */
    Turn enter() {
        long start = System.nanoTime();
        boolean admitted;
        try {
            admitted = turns.tryAcquire(limits.expensiveQueueTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new BulkheadFullException(ApiError.overloaded((System.nanoTime() - start) / 1_000_000));
        }
        return new Turn();
    }

    /** How many expensive queries run now (for metrics and tests). */
    public int running() {
        return Math.max(1, limits.expensiveConcurrency()) - turns.availablePermits();
    }

    /** No turn came in time. */
    static final class BulkheadFullException extends RuntimeException {
        private final ApiError error;

        BulkheadFullException(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        ApiError error() {
            return error;
        }
    }
}
