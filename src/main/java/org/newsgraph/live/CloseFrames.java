package org.newsgraph.live;

import java.io.IOException;
import java.time.Duration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Closing a WebSocket so that its close frame (code and reason) reaches the client. Tomcat drops the TCP
 * connection without a close frame, so that the client sees only 1006 (abnormal closure), in two cases
 * that happened here (LiveSubscriptionsIT, seen with Tomcat's debug log "Failed to send close message"):
 * <ul>
 *   <li>the closing thread has its interrupt flag set: the blocking send of the close frame fails at once
 *       with "The current thread was interrupted while waiting for a blocking send to complete". Spring for
 *       GraphQL closed an unknown API key's connection (4401) on the session's Reactor worker thread, which
 *       now and then had the flag set; {@link LiveWebSocketHandler} now refuses the key on the container
 *       thread, and {@link #close} clears the flag for the duration of the close (and sets it again after);</li>
 *   <li>any code other than 1000 is sent with Tomcat's "abnormal close" send timeout, 50 ms by default: on a
 *       loaded machine the write took longer ({@code SocketTimeoutException}). {@link #prepare} raises it per
 *       session to {@link #SEND_TIMEOUT}.</li>
 * </ul>
 */
final class CloseFrames {

    /** Tomcat's per-session property (milliseconds, a {@code Long}); other containers ignore it. */
    static final String TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT =
            "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

    /**
     * How long sending a close frame may block. A close frame is a few bytes: it waits only for a client that
     * stopped reading (a slow consumer), whose connection is then dropped all the same.
     */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private CloseFrames() {}

    /** Gives a new session's close frames {@link #SEND_TIMEOUT} (call once the connection is established). */
    static void prepare(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session standard) {
            standard.getUserProperties().put(TOMCAT_ABNORMAL_CLOSE_SEND_TIMEOUT, SEND_TIMEOUT.toMillis());
        }
    }

    /** Closes with {@code status}, whatever the calling thread's interrupt flag. */
    static void close(WebSocketSession session, CloseStatus status) {
        boolean interrupted = Thread.interrupted();
        try {
            session.close(status);
        } catch (IOException e) {
            // the client is gone already
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
