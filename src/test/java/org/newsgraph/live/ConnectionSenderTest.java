package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

class ConnectionSenderTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final ExecutorService closers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        writers.shutdownNow();
        closers.shutdownNow();
    }

    @Test
    void messagesAreWrittenInTheOrderQueued_overSeveralTurns_andACloseComesAfterThem() throws Exception {
        var session = RecordingSession.reading("a");
        var sender = new ConnectionSender(session, writers, closers, 1000);
        int count = 3 * ConnectionSender.TURN + 5;
        var expected = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            expected.add("m" + i);
            assertThat(sender.offer(new TextMessage("m" + i), null)).isEqualTo(ConnectionSender.Offer.QUEUED);
        }
        sender.close(new CloseStatus(4409, "Subscriber for 1 already exists"));

        assertThat(session.awaitClose()).isTrue();
        assertThat(session.written).containsExactlyElementsOf(expected);
        assertThat(session.closedWith.get().getCode()).isEqualTo(4409);
        assertThat(sender.offer(new TextMessage("late"), null))
                .as("nothing is sent after a close")
                .isEqualTo(ConnectionSender.Offer.CLOSED);
        assertThat(sender.waiting()).isZero();
    }

    @Test
    void aClientThatDoesNotRead_isClosedAsASlowConsumerWhenItsQueueIsFull_andOtherConnectionsAreStillWritten()
            throws Exception {
        var stuck = RecordingSession.stuck("stuck");
        var slow = new ConnectionSender(stuck, writers, closers, 8);
        var owner = new AtomicInteger();
        assertThat(slow.offer(new TextMessage("first"), owner)).isEqualTo(ConnectionSender.Offer.QUEUED);
        assertThat(stuck.awaitBlocked()).as("a writer is blocked in its write").isTrue();
        for (int i = 0; i < 7; i++) {
            assertThat(slow.offer(new TextMessage("queued"), owner)).isEqualTo(ConnectionSender.Offer.QUEUED);
        }

        // another connection is served by the other writer meanwhile
        var reading = RecordingSession.reading("reading");
        var other = new ConnectionSender(reading, writers, closers, 8);
        reading.expectWrites(5);
        for (int i = 0; i < 5; i++) {
            other.offer(new TextMessage("other" + i), null);
        }
        assertThat(reading.awaitWrites()).isTrue();
        assertThat(reading.written).containsExactly("other0", "other1", "other2", "other3", "other4");

        assertThat(slow.offer(new TextMessage("one too many"), owner))
                .as("the queue holds 8 (one being written)")
                .isEqualTo(ConnectionSender.Offer.FULL);
        assertThat(stuck.awaitClose()).isTrue();
        assertThat(stuck.closedWith.get().getCode()).isEqualTo(1013);
        assertThat(stuck.closedWith.get().getReason()).isEqualTo(SlowConsumerException.REASON);
        assertThat(slow.offer(new TextMessage("after"), owner)).isEqualTo(ConnectionSender.Offer.CLOSED);
        assertThat(stuck.written).isEmpty();

        // the blocked write failed with the close: everything queued is released, the subscriber's count too
        reading.expectWrites(1);
        other.offer(new TextMessage("still served"), null);
        assertThat(reading.awaitWrites()).isTrue();
        assertThat(reading.written).endsWith("still served");
        assertThat(eventually(() -> slow.waiting() == 0 && owner.get() == 0))
                .as("the failed write released its message")
                .isTrue();
    }

    /** Waits (bounded) for a condition that another thread makes true. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aConnectionClosedByTheClient_dropsWhatWaits() throws Exception {
        var session = RecordingSession.stuck("gone");
        var sender = new ConnectionSender(session, writers, closers, 100);
        var owner = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            sender.offer(new TextMessage("m" + i), owner);
        }
        sender.discard();
        session.close(CloseStatus.GOING_AWAY); // the blocked write, if any, fails

        assertThat(sender.offer(new TextMessage("late"), owner)).isEqualTo(ConnectionSender.Offer.CLOSED);
        assertThat(eventually(() -> sender.waiting() == 0 && owner.get() == 0)).isTrue();
        assertThat(session.written).isEmpty();
    }
}
