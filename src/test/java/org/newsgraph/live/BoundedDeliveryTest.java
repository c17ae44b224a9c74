package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.newsgraph.error.ApiException;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

class BoundedDeliveryTest {

    /** A subscriber that takes nothing until told to. */
    static final class Idle extends BaseSubscriber<Integer> {
        final List<Integer> received = new ArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // no demand: a client that does not read
        }

        @Override
        protected void hookOnNext(Integer value) {
            received.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }
    }

    @Test
    void aSubscriberThatDoesNotRead_isEndedWithSlowConsumerOnceItsBufferIsFull() {
        var overflows = new AtomicInteger();
        var delivery = new BoundedDelivery<Integer>(4, overflows::incrementAndGet);
        var idle = new Idle();
        delivery.flux().subscribe(idle);

        for (int i = 1; i <= 4; i++) {
            assertThat(delivery.offer(i)).as("item %d fits", i).isTrue();
        }
        assertThat(overflows).hasValue(0);
        assertThat(delivery.offer(5)).as("the fifth does not fit").isFalse();
        assertThat(overflows).hasValue(1);

        idle.request(10);
        assertThat(idle.received).containsExactly(1, 2, 3, 4);
        assertThat(idle.error.get())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("SLOW_CONSUMER"));
    }

    @Test
    void aSubscriberThatReads_getsEverythingInOrder() {
        var delivery = new BoundedDelivery<Integer>(2, () -> {
            throw new AssertionError("no overflow");
        });
        var received = new ArrayList<Integer>();
        delivery.flux().subscribe(received::add);
        for (int i = 0; i < 100; i++) {
            assertThat(delivery.offer(i)).isTrue();
        }
        assertThat(received).hasSize(100).isSorted();
    }
}
