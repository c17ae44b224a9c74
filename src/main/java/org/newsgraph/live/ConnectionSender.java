package org.newsgraph.live;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The sending side of one GraphQL over WebSocket connection. Every message to the client goes through one queue
 * in order: Spring for GraphQL's protocol messages (it sends through this decorator) and the events of shared
 * executions ({@link SharedExecution}), which are queued by the thread that produced them, without a thread hop
 * per connection. A small pool of writer threads, shared by all connections ({@code newsgraph.live.send-threads}),
 * writes each connection's queue with the container's blocking write, one connection at a time per thread, a
 * bounded number of messages per turn so that a busy connection does not hold a writer from the others, the
 * messages of a turn batched into as few socket writes as fit Tomcat's output buffer.
 *
 * <p>The queue is bounded ({@code newsgraph.live.connection-send-buffer} messages): a client that does not read
 * fills it, and its connection is then closed with 1013 and the slow consumer's reason (on another thread: the
 * close waits for a write in progress), its queue dropped. A close asked for by the protocol ({@link #close})
 * is queued too, so that it follows the messages sent before it.
 */
final class ConnectionSender extends WebSocketSessionDecorator {

    private static final Logger log = LoggerFactory.getLogger(ConnectionSender.class);

    /** Messages one writer writes for a connection before it lets the other connections' turns go first. */
    static final int TURN = 64;

    static final CloseStatus SLOW_CONSUMER = new CloseStatus(1013, SlowConsumerException.REASON);

    /** What happened to a message offered. */
    enum Offer {
        QUEUED,
        /** The connection's queue was full: the connection is being closed as a slow consumer's. */
        FULL,
        /** The connection is closed or closing: nothing more is sent. */
        CLOSED
    }

    /** A message, or a close when {@code close} is set, and the subscriber's count it is in (or null). */
    private record Outgoing(WebSocketMessage<?> message, CloseStatus close, AtomicInteger owner) {}

    private final Executor writers;
    private final Executor closers;
    private final int capacity;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    /** Set by the first writer's turn. */
    private volatile RemoteEndpoint.Basic remote;

    /**
     * @param writers the threads that write (shared by all connections)
     * @param closers where a slow consumer's connection is closed (a close may wait for a write in progress)
     * @param capacity messages the connection may have waiting
     */
    ConnectionSender(WebSocketSession session, Executor writers, Executor closers, int capacity) {
        super(session);
        this.writers = writers;
        this.closers = closers;
        this.capacity = capacity;
    }

    /** Messages the connection may have waiting. */
    int capacity() {
        return capacity;
    }

    /** Messages waiting to be written. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Queues {@code message} for the client; {@code owner}, when given, counts it until it is written or
     * dropped (a subscriber's own bound).
     */
    Offer offer(WebSocketMessage<?> message, AtomicInteger owner) {
        if (closed) {
            return Offer.CLOSED;
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            closeSlowConsumer();
            return Offer.FULL;
        }
        if (owner != null) {
            owner.incrementAndGet();
        }
        queue.add(new Outgoing(message, null, owner));
        schedule();
        return Offer.QUEUED;
    }

    /** Spring for GraphQL's messages: queued; on a closed connection dropped (its subscriptions are ended). */
    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        offer(message, null);
    }

    /** Closes after the messages queued before (the protocol's closes: 4409, 4429, ...). */
    @Override
    public void close(CloseStatus status) {
        if (closed) {
            return;
        }
        if (queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            // nothing waits and no write is in progress: closed at once, on the calling thread (as the
            // container's handler expects of a refusal: it goes on with the connection's next message)
            try {
                if (queue.isEmpty()) {
                    markClosed();
                    CloseFrames.close(getDelegate(), status);
                    return;
                }
            } finally {
                scheduled.set(false);
                if (!queue.isEmpty()) {
                    schedule();
                }
            }
        }
        waiting.incrementAndGet();
        queue.add(new Outgoing(null, status, null));
        schedule();
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    /** Closes now with 1013 and the slow consumer's reason, dropping what is queued. */
    void closeSlowConsumer() {
        if (markClosed()) {
            closers.execute(() -> CloseFrames.close(getDelegate(), SLOW_CONSUMER));
        }
    }

    /** The connection is closed (by either side): what is queued is dropped. */
    void discard() {
        markClosed();
    }

    private boolean markClosed() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        drop();
        return true;
    }

    private void drop() {
        Outgoing dropped;
        while ((dropped = queue.poll()) != null) {
            release(dropped);
        }
    }

    private void release(Outgoing outgoing) {
        waiting.decrementAndGet();
        if (outgoing.owner() != null) {
            outgoing.owner().decrementAndGet();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            writers.execute(this::write);
        }
    }

    /**
     * One writer's turn: up to {@link #TURN} messages, then the turn goes to the back of the line if more wait.
     * On the container's WebSocket session the turn's text messages are batched (Tomcat writes them into its
     * output buffer) and flushed together at the end of the turn: one write to the socket for many messages.
     */
    private void write() {
        var remote = batchingRemote();
        boolean unflushed = false;
        try {
            for (int written = 0; written < TURN && !closed; written++) {
                var next = queue.poll();
                if (next == null) {
                    break;
                }
                try {
                    if (next.close() != null) {
                        if (unflushed) {
                            remote.flushBatch();
                            unflushed = false;
                        }
                        markClosed();
                        CloseFrames.close(getDelegate(), next.close());
                    } else if (remote != null && next.message() instanceof TextMessage text) {
                        remote.sendText(text.getPayload());
                        unflushed = true;
                    } else {
                        if (unflushed) {
                            remote.flushBatch();
                            unflushed = false;
                        }
                        getDelegate().sendMessage(next.message());
                    }
                } catch (IOException | RuntimeException e) {
                    failed(e);
                } finally {
                    release(next);
                }
            }
            if (unflushed && !closed) {
                remote.flushBatch();
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        } finally {
            scheduled.set(false);
            if (closed) {
                drop();
            } else if (!queue.isEmpty()) {
                schedule();
            }
        }
    }

    /** The client went away, or a write timed out: nothing more can be sent. */
    private void failed(Exception e) {
        log.debug("Closing WebSocket {} after a failed write: {}", getId(), e.toString());
        if (markClosed()) {
            closers.execute(() -> CloseFrames.close(getDelegate(), CloseStatus.SESSION_NOT_RELIABLE));
        }
    }

    /** The container session's blocking sender with batching on (only writers use it), or null for another. */
    private RemoteEndpoint.Basic batchingRemote() {
        if (remote == null
                && getDelegate() instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session standard) {
            try {
                var basic = standard.getBasicRemote();
                basic.setBatchingAllowed(true);
                remote = basic;
            } catch (IOException | RuntimeException e) {
                return null; // written one by one
            }
        }
        return remote;
    }
}
