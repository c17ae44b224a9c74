package org.newsgraph.limits;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The bulkhead in bytes: how many characters of large text values (the fields with a cost weight above 1:
 * {@code Article.summary}, {@code Statement.text}, the descriptions) the answers being built at once hold. The
 * cost model and the concurrency bulkhead count fields and queries; a cheap query (cost under 1,000) can still
 * carry 80 statements of 20,000 characters, a 1.6 MB answer, and 200 of them at once ran a 512 MB heap out.
 * Each query gets a {@link Tally} ({@link ResponseMemoryInstrumentation}); the values are counted as
 * they are fetched ({@link TextFieldMetering}). A query whose text goes over {@code max-response-size} is
 * {@code RESPONSE_TOO_LARGE} while it runs, not after its whole answer was built; one that would take all the
 * answers in flight over {@code response-memory} is {@code OVERLOADED} (503, {@code Retry-After}). Either way
 * no further text is fetched into its answer, and its characters are given back when its execution ends.
 */
@Component
public class ResponseMemory {

    private final long budget;
    private final long perRequest;
    private final AtomicLong inFlight = new AtomicLong();

    public ResponseMemory(LimitsProperties limits) {
        this.budget = limits.responseMemory().toBytes();
        this.perRequest = limits.maxResponseSize().toBytes();
    }

    /** Characters held by the answers being built now. */
    public long inFlight() {
        return inFlight.get();
    }

    public long budget() {
        return budget;
    }

    Tally newTally() {
        return new Tally();
    }

    /** What one query's answer holds, and whether it was stopped. */
    public final class Tally {
        private final AtomicLong held = new AtomicLong();
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean tooLarge;
        private volatile boolean overloaded;

        /** Counts {@code characters} more; false when the execution is (now) stopped and the value is to be left out. */
        boolean admit(long characters) {
            if (tooLarge || overloaded) return false;
            long mine = held.addAndGet(characters);
            long all = inFlight.addAndGet(characters);
            if (mine > perRequest) {
                tooLarge = true;
                return false;
            }
            if (all > budget) {
                overloaded = true;
                return false;
            }
            return true;
        }

        long held() {
            return held.get();
        }

        boolean tooLarge() {
            return tooLarge;
        }

        boolean overloaded() {
            return overloaded;
        }

        void release() {
            if (released.compareAndSet(false, true)) inFlight.addAndGet(-held.get());
        }
    }
}
