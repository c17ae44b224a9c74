package org.newsgraph.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsgraph.auth.ApiKeyAuthentication;
import org.newsgraph.auth.ApiKeyService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket at {@code /graphql}: Spring for GraphQL's handler of the {@code graphql-transport-ws}
 * protocol, plus two refusals made here, on the container thread that received the message, so that their
 * close frames always reach the client ({@link CloseFrames}):
 * <ul>
 *   <li>the older {@code subscriptions-transport-ws} protocol (subprotocol {@code graphql-ws}) is accepted
 *       and closed at once with 4406 and a reason that names the protocol to use;</li>
 *   <li>an API key in the {@code connection_init} payload ({@code {"Authorization": "Bearer <key>"}}) that
 *       is unknown or revoked closes the connection with 4401 instead of leaving it silently anonymous.</li>
 * </ul>
 * The session is kept in its attributes, so that a subscription whose client reads too slowly can close its
 * connection ({@link LiveWebSocketInterceptor}). Spring's handler sends through the connection's
 * {@link ConnectionSender} (a bounded queue written by a few threads shared by all connections), in place of
 * its blocking send on a thread of each connection's own.
 */
class LiveWebSocketHandler extends GraphQlWebSocketHandler implements DisposableBean {

    static final String SESSION = LiveWebSocketHandler.class.getName() + ".session";
    /** The connection's {@link ConnectionSender}: every message to the client goes through it. */
    static final String SENDER = LiveWebSocketHandler.class.getName() + ".sender";

    static final String KEY_NAME = LiveWebSocketHandler.class.getName() + ".keyName";
    /** The {@code Authentication} of the connection_init's key: the role of the connection's operations. */
    static final String AUTHENTICATION = LiveWebSocketHandler.class.getName() + ".authentication";

    private static final String INITIALIZED = LiveWebSocketHandler.class.getName() + ".initialized";

    static final String TRANSPORT_WS = "graphql-transport-ws";
    static final String LEGACY_SUBPROTOCOL = "graphql-ws";

    static final CloseStatus LEGACY_REFUSED = new CloseStatus(
            4406,
            "subscriptions-transport-ws (graphql-ws) is not served: use graphql-transport-ws (graphql-ws library)");
    static final CloseStatus UNKNOWN_KEY = new CloseStatus(4401, "Unauthorized: unknown or revoked API key");
    static final CloseStatus SUBPROTOCOL_REFUSED = new CloseStatus(
            4406, "Subprotocol not acceptable: this server speaks graphql-transport-ws (graphql-ws library)");
    static final CloseStatus INVALID_MESSAGE =
            new CloseStatus(4400, "Invalid message: not a graphql-transport-ws message");
    static final CloseStatus KEY_NOT_CHECKED = CloseStatus.SERVICE_OVERLOAD.withReason(
            "The API key could not be checked: database unavailable, try again");

    /** What a graphql-transport-ws client may send. */
    private static final java.util.Set<String> MESSAGE_TYPES =
            java.util.Set.of("connection_init", "ping", "pong", "subscribe", "complete");

    private final ApiKeyService apiKeys;
    private final JsonMapper jsonMapper;
    private final LiveProperties properties;
    /** The writers of every connection's queue ({@link ConnectionSender}). */
    private final ExecutorService writers;

    LiveWebSocketHandler(
            WebGraphQlHandler graphQlHandler,
            HttpMessageConverter<Object> converter,
            Duration connectionInitTimeout,
            Duration keepAlive,
            CorsConfiguration cors,
            ApiKeyService apiKeys,
            JsonMapper jsonMapper,
            LiveProperties properties) {
        super(graphQlHandler, converter, connectionInitTimeout, keepAlive, cors);
        this.apiKeys = apiKeys;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
        var counter = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(properties.sendThreads(), runnable -> {
            var thread = new Thread(runnable, "newsgraph-ws-send-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        writers.shutdown();
    }

    /** The sender of {@code request}'s WebSocket connection, or null (not a WebSocket request). */
    static ConnectionSender senderOf(WebGraphQlRequest request) {
        return (request instanceof WebSocketGraphQlRequest webSocket
                        && webSocket.getSessionInfo().getAttributes().get(SENDER) instanceof ConnectionSender sender)
                ? sender
                : null;
    }

    /** The connection as Spring for GraphQL sees it: through its sender, once established. */
    private static WebSocketSession sending(WebSocketSession session) {
        return (session.getAttributes().get(SENDER) instanceof ConnectionSender sender) ? sender : session;
    }

    /** Closes after what was queued for the client before (its sender), or at once (not established yet). */
    static void close(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(SENDER) instanceof ConnectionSender sender) {
            sender.close(status);
        } else {
            CloseFrames.close(session, status);
        }
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(TRANSPORT_WS, LEGACY_SUBPROTOCOL);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        CloseFrames.prepare(session);
        if (LEGACY_SUBPROTOCOL.equals(session.getAcceptedProtocol())) {
            CloseFrames.close(session, LEGACY_REFUSED);
            return;
        }
        if (!StringUtils.hasText(session.getAcceptedProtocol())
                && !session.getHandshakeHeaders()
                        .getOrEmpty("Sec-WebSocket-Protocol")
                        .isEmpty()) {
            // the client asked for protocols of which it got none: it would not understand this one
            CloseFrames.close(session, SUBPROTOCOL_REFUSED);
            return;
        }
        session.getAttributes().put(SESSION, session);
        var sender = new ConnectionSender(
                session, writers, Schedulers.boundedElastic()::schedule, properties.connectionSendBuffer());
        session.getAttributes().put(SENDER, sender);
        super.afterConnectionEstablished(sender);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(SENDER) instanceof ConnectionSender sender) {
            sender.discard();
        }
        super.afterConnectionClosed(sending(session), status);
    }

    /**
     * Messages arrive in parts of Tomcat's 8 kB buffer (which Tomcat allocates per connection, so it stays small)
     * and are joined here, up to a bound: {@link #MAX_MESSAGE} characters, or {@link #MAX_EDITOR_MESSAGE} (the
     * HTTP body limit) on a connection whose {@code connection_init} carried an editor's key, so that an editor
     * can send {@code ingestArticle} with a whole article over the WebSocket as over HTTP. Over it the rest of
     * the message is read and dropped (up to the editor's bound), and the connection closed with 1009 and a reason
     * that says the bound.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    static final int MAX_MESSAGE = 8 * 1024;
    static final int MAX_EDITOR_MESSAGE = 1024 * 1024;
    private static final String PARTS = LiveWebSocketHandler.class.getName() + ".parts";
    private static final String DISCARDING = LiveWebSocketHandler.class.getName() + ".discarding";

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage part) throws Exception {
        if (session.getAttributes().get(DISCARDING) instanceof long[] discarded) {
            // the rest of a message over the bound is read and dropped, so that the client, still sending it,
            // then reads the close frame rather than a reset connection
            discarded[0] += part.getPayloadLength();
            if (part.isLast() || discarded[0] > MAX_EDITOR_MESSAGE) {
                session.getAttributes().remove(DISCARDING);
                close(session, tooBig(session));
            }
            return;
        }
        var parts = (StringBuilder) session.getAttributes().get(PARTS);
        if (part.isLast() && parts == null) {
            handleWholeMessage(session, part);
            return;
        }
        if (parts == null) {
            parts = new StringBuilder();
            session.getAttributes().put(PARTS, parts);
        }
        if (parts.length() + part.getPayloadLength() > bound(session)) {
            session.getAttributes().remove(PARTS);
            if (part.isLast()) {
                close(session, tooBig(session));
            } else {
                session.getAttributes().put(DISCARDING, new long[] {parts.length() + part.getPayloadLength()});
            }
            return;
        }
        parts.append(part.getPayload());
        if (!part.isLast()) return;
        session.getAttributes().remove(PARTS);
        handleWholeMessage(session, new TextMessage(parts));
    }

    private static int bound(WebSocketSession session) {
        return isEditor(session) ? MAX_EDITOR_MESSAGE : MAX_MESSAGE;
    }

    private static CloseStatus tooBig(WebSocketSession session) {
        int bound = bound(session);
        return CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message over " + bound + " characters"
                + (bound == MAX_MESSAGE
                        ? "; with an editor's key in connection_init " + MAX_EDITOR_MESSAGE + ", as over HTTP"
                        : ""));
    }

    private static boolean isEditor(WebSocketSession session) {
        return session.getAttributes().get(AUTHENTICATION)
                        instanceof org.springframework.security.core.Authentication authentication
                && authentication.getAuthorities().stream()
                        .anyMatch(
                                a -> org.newsgraph.auth.Role.EDITOR.authority().equals(a.getAuthority()));
    }

    private void handleWholeMessage(WebSocketSession session, TextMessage message) throws Exception {
        if (!isProtocolMessage(message)) {
            // Spring's handler fails on it with 1011 (server error); the protocol says 4400
            close(session, INVALID_MESSAGE);
            return;
        }
        if (!session.getAttributes().containsKey(INITIALIZED)) {
            boolean refused;
            try {
                refused = refusesKey(session, message);
            } catch (DataAccessException e) {
                close(session, KEY_NOT_CHECKED);
                return;
            }
            if (refused) {
                close(session, UNKNOWN_KEY);
                return;
            }
        }
        super.handleTextMessage(sending(session), message);
    }

    /** A JSON object with a client message type, and for {@code subscribe} a string id and an object payload. */
    private boolean isProtocolMessage(TextMessage message) {
        JsonNode json;
        try {
            json = jsonMapper.readTree(message.getPayload());
        } catch (RuntimeException notJson) {
            return false;
        }
        if (json == null
                || !json.isObject()
                || !MESSAGE_TYPES.contains(json.path("type").asString(""))) {
            return false;
        }
        if (json.path("type").asString().equals("subscribe")) {
            return json.path("id").isString() && json.path("payload").isObject();
        }
        return true;
    }

    /**
     * Whether {@code message} is the {@code connection_init} with a key that is not accepted. A valid key's
     * name is kept in the session's attributes; a message that is not JSON is left to the protocol handler.
     */
    private boolean refusesKey(WebSocketSession session, TextMessage message) {
        JsonNode json;
        try {
            json = jsonMapper.readTree(message.getPayload());
        } catch (RuntimeException notJson) {
            return false;
        }
        if (!"connection_init".equals(json.path("type").asString(""))) {
            return false;
        }
        session.getAttributes().put(INITIALIZED, Boolean.TRUE);
        JsonNode payload = json.path("payload");
        String header = payload.path("Authorization")
                .asString(payload.path("authorization").asString(""));
        if (header.isBlank()) {
            return false;
        }
        String key = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : header.trim();
        var found = apiKeys.find(key);
        found.ifPresent(apiKey -> {
            session.getAttributes().put(KEY_NAME, apiKey.name());
            session.getAttributes().put(AUTHENTICATION, ApiKeyAuthentication.of(apiKey));
        });
        return found.isEmpty();
    }
}
