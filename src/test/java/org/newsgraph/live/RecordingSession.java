package org.newsgraph.live;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A WebSocket session that records what is written to it and how it was closed. One made {@link #stuck()}
 * is a client that does not read: its first write blocks until the session is closed (as a socket's blocked
 * write fails when the connection is closed).
 */
final class RecordingSession implements WebSocketSession {

    final List<String> written = new CopyOnWriteArrayList<>();
    final AtomicReference<CloseStatus> closedWith = new AtomicReference<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final String id;
    private final boolean stuck;
    /** Counts down as messages are written. */
    private volatile CountDownLatch writes = new CountDownLatch(0);

    private final CountDownLatch blocked = new CountDownLatch(1);

    private RecordingSession(String id, boolean stuck) {
        this.id = id;
        this.stuck = stuck;
    }

    static RecordingSession reading(String id) {
        return new RecordingSession(id, false);
    }

    static RecordingSession stuck(String id) {
        return new RecordingSession(id, true);
    }

    /** From now on, {@link #awaitWrites} waits for {@code n} more messages. */
    void expectWrites(int n) {
        writes = new CountDownLatch(n);
    }

    boolean awaitWrites() throws InterruptedException {
        return writes.await(30, TimeUnit.SECONDS);
    }

    boolean awaitClose() throws InterruptedException {
        return closed.await(30, TimeUnit.SECONDS);
    }

    /** Waits until a writer is blocked in this (stuck) session's write. */
    boolean awaitBlocked() throws InterruptedException {
        return blocked.await(30, TimeUnit.SECONDS);
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        if (stuck) {
            blocked.countDown();
            try {
                closed.await(); // until the connection is closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("closed while writing");
        }
        written.add(((TextMessage) message).getPayload());
        writes.countDown();
    }

    @Override
    public void close(CloseStatus status) {
        closedWith.compareAndSet(null, status);
        closed.countDown();
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public boolean isOpen() {
        return closed.getCount() > 0;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public URI getUri() {
        return URI.create("ws://localhost/graphql");
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return new HttpHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public String getAcceptedProtocol() {
        return LiveWebSocketHandler.TRANSPORT_WS;
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getTextMessageSizeLimit() {
        return 0;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getBinaryMessageSizeLimit() {
        return 0;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }
}
