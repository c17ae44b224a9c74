package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket as an attacker uses it, over real WebSocket connections: protocol violations end the
 * connection with the graphql-transport-ws close code, limits and refusals arrive as coded errors, a key's role
 * in {@code connection_init} is the role of the connection's mutations, and nothing is written by a refused
 * request.
 */
@IntegrationTest
class WebSocketAbuseTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    final HttpClient http = HttpClient.newHttpClient();
    Map<String, String> tablesBefore;
    String editorKey;
    String readerKey;

    @BeforeEach
    void snapshot() {
        editorKey = keys.create("ws-editor-" + UUID.randomUUID(), Role.EDITOR);
        readerKey = keys.create("ws-reader-" + UUID.randomUUID(), Role.READER);
        tablesBefore = TableSnapshot.of(jdbc);
    }

    @AfterEach
    void nothingWritten() {
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(tablesBefore);
    }

    @Test
    void subscribeBeforeConnectionInit_isClosedWith4401() throws Exception {
        var socket = Client.open(http, port, "graphql-transport-ws");
        socket.send(subscribe("1", "subscription { articleChanged { kind } }"));
        assertThat(socket.closed()).startsWith("4401");
    }

    @Test
    void secondConnectionInit_isClosedWith4429() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        socket.send("{\"type\":\"connection_init\"}");
        assertThat(socket.closed()).startsWith("4429");
    }

    @Test
    void twoSubscriptionsWithOneId_closeWith4409() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        socket.send(subscribe("same", "subscription { articleChanged { kind } }"));
        socket.send(subscribe("same", "subscription { statementAdded { id } }"));
        assertThat(socket.closed()).startsWith("4409");
    }

    @Test
    void messagesThatAreNotTheProtocol_closeWith4400() throws Exception {
        for (String message : List.of(
                "not json",
                "[1,2,3]",
                "{\"type\":\"evil\"}",
                "{\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { articleChanged { kind } }\"}}",
                "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":\"query\"}",
                "null")) {
            var socket = Client.initialized(http, port, Map.of());
            socket.send(message);
            assertThat(socket.closed()).as(message).startsWith("4400");
        }
    }

    @Test
    void anUnknownSubprotocol_isRefusedOrClosed_neverServedSilently() throws Exception {
        Client socket;
        try {
            socket = Client.open(http, port, "evil-protocol");
        } catch (java.util.concurrent.ExecutionException refusedHandshake) {
            return; // the handshake was refused: nothing is served
        }
        assertThat(socket.closed()).startsWith("4406");
    }

    @Test
    void aFrameOfTwoMegabytes_closesTheConnection_andTheServerServesOthers() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        boolean sentWhole =
                socket.trySend(subscribe("1", "subscription { articleChanged { kind } } #" + "x".repeat(2_000_000)));
        // The server closes with 1009 as soon as the frame's length is over the limit; when that close arrives
        // while the client is still writing, the client's output is closed under it (the client may never read
        // the close frame, its input can be reset). Either way the frame was not served.
        if (sentWhole) {
            assertThat(socket.closed()).startsWith("1009");
        } else {
            assertThat(socket.socket.isOutputClosed()).isTrue();
            socket.socket.abort();
        }
        assertThat(socket.messages).isEmpty();
        var other = Client.initialized(http, port, Map.of());
        other.send(subscribe("q", "{ articles(first: 1) { totalCount } }"));
        assertThat(other.next().path("payload").path("data").path("articles").has("totalCount"))
                .isTrue();
        other.close();
    }

    @Test
    void aMessageOverEightKilobytes_isClosedWith1009_andOneJustUnderIsServed() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        socket.send(subscribe("q", "{ articles(first: 1) { totalCount } } #" + "x".repeat(7_900)));
        assertThat(socket.next().path("payload").path("data").path("articles").has("totalCount"))
                .isTrue();
        socket.send(subscribe("q2", "{ articles(first: 1) { totalCount } } #" + "x".repeat(8_200)));
        assertThat(socket.closed()).startsWith("1009").contains("editor's key");
    }

    @Test
    void anEditorsKeyInConnectionInit_letsAWholeArticleThrough_asOverHttp() throws Exception {
        var article = (tools.jackson.databind.node.ObjectNode) JSON.readTree(
                java.nio.file.Files.readString(java.nio.file.Path.of("db/demo/ukraine-peace-talks-2025-04-22.json")));
        article.put("url", "https://ws-large.example/" + UUID.randomUUID());
        // one unknown speaker: the whole article is read, checked and refused in the payload, nothing written
        ((tools.jackson.databind.node.ObjectNode) article.path("statements").path(0)).put("speaker", "nobody");
        String message = JSON.writeValueAsString(Map.of(
                "type",
                "subscribe",
                "id",
                "ingest",
                "payload",
                Map.of(
                        "query",
                        "mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { outcome errors { path code } } }",
                        "variables",
                        Map.of("i", article))));
        assertThat(message.length()).isGreaterThan(3 * LiveWebSocketHandler.MAX_MESSAGE);

        var editor = Client.initialized(http, port, Map.of("Authorization", "Bearer " + editorKey));
        editor.send(message);
        JsonNode next = editor.next();
        assertThat(next.path("payload").at("/data/ingestArticle/errors/0/code").asString())
                .as(next.toString())
                .isEqualTo("UNKNOWN_REFERENCE");
        editor.close();

        var anonymous = Client.initialized(http, port, Map.of());
        anonymous.send(message); // read to its end by the server, so the close frame reaches us
        assertThat(anonymous.closed()).startsWith("1009").contains("8192").contains("editor's key");
    }

    @Test
    void theTwentyFirstSubscription_getsTooManySubscriptions() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        for (int i = 0; i < 21; i++) {
            socket.send(subscribe("s" + i, "subscription { articleChanged { kind } }"));
        }
        JsonNode refusal = socket.next();
        assertThat(refusal.path("id").asString()).isEqualTo("s20");
        assertThat(codeOf(refusal)).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
        socket.close();
    }

    @Test
    void hostileDocuments_getTheLimitsCodes() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        socket.send(subscribe(
                "deep",
                "subscription { statementAdded { " + "article { statements(first: 1) { edges { node { ".repeat(8) + "id"
                        + " } } } }".repeat(8) + " } }"));
        assertThat(codeOf(socket.next())).isEqualTo("QUERY_TOO_DEEP");
        socket.send(subscribe(
                "long", "subscription { statementAdded(filter: {text: \"" + "a".repeat(2001) + "\"}) { id } }"));
        JsonNode refused = socket.next();
        assertThat(codeOf(refused)).as(refused.toString()).isEqualTo("ARGUMENT_TOO_LONG");
        socket.close();
    }

    @Test
    void aMutationWithoutKey_isUnauthorized() throws Exception {
        var socket = Client.initialized(http, port, Map.of());
        socket.send(subscribe("m", "mutation { deleteArticle(input: {id: \"QXJ0aWNsZTox\"}) { deletedId } }"));
        assertThat(codeOf(socket.next())).isEqualTo("UNAUTHORIZED");
        socket.close();
    }

    @Test
    void aReadersKeyInConnectionInit_makesMutationsForbidden() throws Exception {
        var socket = Client.initialized(http, port, Map.of("Authorization", "Bearer " + readerKey));
        socket.send(subscribe("m", "mutation { deleteArticle(input: {id: \"QXJ0aWNsZTox\"}) { deletedId } }"));
        assertThat(codeOf(socket.next())).isEqualTo("FORBIDDEN");
        socket.close();
    }

    @Test
    void anEditorsKeyInConnectionInit_authorizesMutations() throws Exception {
        String title = jdbc.sql("select title from events order by id limit 1")
                .query(String.class)
                .single();
        long id = jdbc.sql("select id from events order by id limit 1")
                .query(Long.class)
                .single();
        String eventId = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("Event:" + id).getBytes());
        var socket = Client.initialized(http, port, Map.of("Authorization", "Bearer " + editorKey));
        // the event's own title: authorized, and nothing changes
        socket.send(JSON.writeValueAsString(Map.of(
                "type",
                "subscribe",
                "id",
                "m",
                "payload",
                Map.of(
                        "query",
                        "mutation($i: UpdateEventInput!) { updateEvent(input: $i) { changed errors { code } } }",
                        "variables",
                        Map.of("i", Map.of("id", eventId, "title", title))))));
        JsonNode next = socket.next();
        assertThat(next.path("type").asString()).as(next.toString()).isEqualTo("next");
        assertThat(next.path("payload").has("errors")).as(next.toString()).isFalse();
        assertThat(next.path("payload")
                        .path("data")
                        .path("updateEvent")
                        .path("changed")
                        .asBoolean())
                .isFalse();
        socket.close();
    }

    static String codeOf(JsonNode message) {
        JsonNode errors = message.path("type").asString().equals("error")
                ? message.path("payload")
                : message.path("payload").path("errors");
        return errors.path(0).path("extensions").path("code").asString();
    }

    static String subscribe(String id, String query) {
        return JSON.writeValueAsString(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query)));
    }

    /**
     * A graphql-transport-ws client that queues what it receives and how it was closed; {@link #next()} leaves
     * out pings, pongs and completes.
     */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client open(HttpClient http, int port, String subprotocol) throws Exception {
            var client = new Client();
            client.socket = http.newWebSocketBuilder()
                    .subprotocols(subprotocol)
                    .buildAsync(URI.create("ws://localhost:" + port + "/graphql"), client)
                    .get(30, TimeUnit.SECONDS);
            return client;
        }

        static Client initialized(HttpClient http, int port, Map<String, String> payload) throws Exception {
            var client = open(http, port, "graphql-transport-ws");
            client.send(JSON.writeValueAsString(Map.of("type", "connection_init", "payload", payload)));
            assertThat(client.next().path("type").asString()).isEqualTo("connection_ack");
            return client;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        /** Sends, and says whether the whole message was written before the connection's output was closed. */
        boolean trySend(String text) {
            try {
                socket.sendText(text, true).join();
                return true;
            } catch (CompletionException closedUnderUs) {
                assertThat(closedUnderUs).hasCauseInstanceOf(IOException.class);
                return false;
            }
        }

        JsonNode next() throws Exception {
            while (true) {
                String text = messages.poll(30, TimeUnit.SECONDS);
                assertThat(text)
                        .as("a message within 30 s (closed: %s)", closed.getNow("no"))
                        .isNotNull();
                JsonNode json = JSON.readTree(text);
                if (!List.of("ping", "pong", "complete")
                        .contains(json.path("type").asString())) {
                    return json;
                }
            }
        }

        String closed() throws Exception {
            return closed.get(30, TimeUnit.SECONDS);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("dropped: " + error);
        }
    }
}
