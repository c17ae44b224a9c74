package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The refusals of {@link LiveWebSocketHandler} arrive as close frames with their code and reason, every time:
 * before the fix about one refusal in 150 reached the client as a dropped connection (1006) because Tomcat
 * could not send the close frame ({@link CloseFrames}). Many connections (a few at a time) make that visible.
 */
@IntegrationTest
class WebSocketRefusalsTest {

    static final int CONNECTIONS = 200;
    static final int AT_ONCE = 10;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyUnknownKeyInConnectionInit_isClosedWith4401AndItsReason_neverADroppedConnection() throws Exception {
        var codes = closeCodes(i -> open(
                "graphql-transport-ws",
                "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer not-a-key-" + i + "\"}}"));
        assertThat(codes).isEqualTo(Map.of("4401 Unauthorized: unknown or revoked API key", CONNECTIONS));
    }

    @Test
    void everyConnectionOfTheOldProtocol_isClosedWith4406NamingTheProtocolToUse() throws Exception {
        var codes = closeCodes(i -> open("graphql-ws", null));
        var refused = LiveWebSocketHandler.LEGACY_REFUSED;
        assertThat(codes).isEqualTo(Map.of(refused.getCode() + " " + refused.getReason(), CONNECTIONS));
    }

    @Test
    void aConnectionInitWithoutKey_isAcknowledged() throws Exception {
        var acknowledged = new CompletableFuture<String>();
        var socket = http.newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        acknowledged.complete(data.toString());
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
        assertThat(acknowledged.get(30, TimeUnit.SECONDS)).contains("\"connection_ack\"");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    /** Opens {@link #CONNECTIONS} connections, {@link #AT_ONCE} at a time, and counts how each was closed. */
    Map<String, Integer> closeCodes(Opener opener) throws Exception {
        var codes = new TreeMap<String, Integer>();
        for (int i = 0; i < CONNECTIONS; i += AT_ONCE) {
            var group = new ArrayList<CompletableFuture<String>>();
            for (int j = i; j < i + AT_ONCE; j++) {
                group.add(opener.open(j));
            }
            for (var closed : group) {
                codes.merge(closed.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }
        }
        return codes;
    }

    interface Opener {
        CompletableFuture<String> open(int i) throws Exception;
    }

    /** Opens a connection, sends {@code first} (if any) and completes with "code reason" or "dropped: ...". */
    CompletableFuture<String> open(String subprotocol, String first) throws Exception {
        var closed = new CompletableFuture<String>();
        var socket = http.newWebSocketBuilder()
                .subprotocols(subprotocol)
                .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete("dropped: " + error);
                    }
                })
                .get(30, TimeUnit.SECONDS);
        if (first != null) {
            socket.sendText(first, true);
        }
        return closed.whenComplete((code, error) -> socket.abort());
    }
}
