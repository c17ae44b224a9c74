package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.catalina.core.StandardContext;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Slowloris on the request body: clients that send their headers and then their body a little at a time (or
 * never) must not hold Tomcat's worker threads, nor fill the heap, and still get an answer ({@link
 * RequestBodyPrefetch}). Over real HTTP sockets against the running server.
 */
@IntegrationTest
class SlowRequestBodiesTest {

    private static final String QUERY = "{\"query\":\"{ articles(first: 1) { totalCount } }\"}";

    @LocalServerPort
    int port;

    @Autowired
    RequestBodyPrefetch prefetch;

    @Autowired
    WebServerApplicationContext context;

    private final List<Socket> sockets = new ArrayList<>();
    private Duration timeout;
    private long budget;
    private int asynchronousBefore;

    @BeforeEach
    void countAsynchronousRequests() {
        asynchronousBefore = asynchronousRequestsInProgress();
    }

    /**
     * The counter is the server's, and this context serves other test classes too: a body another class left
     * half-sent is still being read until its client goes or its deadline passes, so start from none.
     */
    @BeforeEach
    void noBodyBeingRead() {
        await("no body is being read before the test", () -> prefetch.bodiesBeingRead() == 0);
    }

    @AfterEach
    void closeAndRestore() throws IOException {
        for (Socket socket : sockets) socket.close();
        if (timeout != null) prefetch.setTimeout(timeout);
        if (budget != 0) prefetch.setMemoryBudget(budget);
        await("every body reading has ended", () -> prefetch.bodiesBeingRead() == 0);
        // an asynchronous cycle left open is a request Tomcat still counts as running: it holds its memory until
        // the async timeout, and the graceful shutdown waits for it (30 s at the end of every test run)
        await(
                "every asynchronous cycle this test started has been completed",
                () -> asynchronousRequestsInProgress() <= asynchronousBefore);
    }

    /** Requests in an asynchronous cycle that has not been completed yet, as Tomcat's graceful shutdown sees them. */
    private int asynchronousRequestsInProgress() {
        int count = 0;
        for (var child :
                ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()) {
            count += ((StandardContext) child).getInProgressAsyncCount();
        }
        return count;
    }

    @Test
    void bodiesSentSlowly_holdNoWorkerThread_othersAreServed_andTheyAreAnsweredWhenComplete() throws IOException {
        timeout = prefetch.timeout();
        prefetch.setTimeout(Duration.ofMinutes(5)); // the deadline is not what this test is about
        int slow = 40;
        byte[] body = QUERY.getBytes(StandardCharsets.UTF_8);
        var clients = new ArrayList<Socket>();
        for (int i = 0; i < slow; i++) {
            Socket socket = open();
            socket.getOutputStream().write(head(body.length));
            socket.getOutputStream().write(body, 0, 1); // the '{', then nothing for now
            socket.getOutputStream().flush();
            clients.add(socket);
        }
        await("all slow bodies are being read", () -> prefetch.bodiesBeingRead() >= slow);

        var executor = (ThreadPoolExecutor) ((TomcatWebServer) context.getWebServer())
                .getTomcat()
                .getConnector()
                .getProtocolHandler()
                .getExecutor();
        // a body is counted as being read just before its worker thread hands it over and returns to the pool, so
        // the threads are awaited (with the bound of await), not sampled once: under load, all 40 threads can be
        // between the two steps at the moment the count is reached
        await(
                "fewer than half as many worker threads are busy as bodies are pending",
                () -> executor.getActiveCount() < slow / 2);
        assertThat(prefetch.bodiesBeingRead())
                .as("no slow body was answered meanwhile")
                .isEqualTo(slow);

        var normal = new RawSocketHttp(port)
                .send(new RawSocketHttp.Request("POST", "/graphql", Map.of("Content-Type", "application/json"), body));
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.body()).contains("\"totalCount\"");
        assertThat(prefetch.bodiesBeingRead()).as("the slow ones still wait").isEqualTo(slow);

        for (Socket socket : clients) {
            socket.getOutputStream().write(body, 1, body.length - 1);
            socket.getOutputStream().flush();
        }
        for (Socket socket : clients) {
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"totalCount\"");
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTime_is408RequestTimeout_andTheConnectionIsClosed() throws IOException {
        timeout = prefetch.timeout();
        prefetch.setTimeout(Duration.ofSeconds(1));
        Socket socket = open();
        socket.getOutputStream().write(head(100));
        socket.getOutputStream().write('{');
        socket.getOutputStream().flush();

        String answer = readAll(socket.getInputStream()); // the server closes the connection after its answer
        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"REQUEST_TIMEOUT\"");
        assertThat(answer.toLowerCase()).contains("connection: close");
    }

    @Test
    void bodiesOverTheMemoryBudget_areRefusedWithOverloaded_andTheOthersServed() throws IOException {
        budget = prefetch.memoryBudget();
        byte[] body = QUERY.getBytes(StandardCharsets.UTF_8);
        prefetch.setMemoryBudget(body.length + 10L);
        Socket holding = open();
        holding.getOutputStream().write(head(body.length));
        holding.getOutputStream().write(body, 0, 1);
        holding.getOutputStream().flush();
        await("the first body is being read", () -> prefetch.bodiesBeingRead() == 1);

        var refused = new RawSocketHttp(port)
                .send(new RawSocketHttp.Request("POST", "/graphql", Map.of("Content-Type", "application/json"), body));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body()).contains("\"code\":\"OVERLOADED\"");
        assertThat(refused.header("Retry-After")).isNotBlank();

        holding.getOutputStream().write(body, 1, body.length - 1);
        holding.getOutputStream().flush();
        assertThat(readAll(holding.getInputStream())).startsWith("HTTP/1.1 200").contains("\"totalCount\"");
    }

    private Socket open() throws IOException {
        var socket = new Socket("localhost", port);
        socket.setSoTimeout(60_000);
        sockets.add(socket);
        return socket;
    }

    private byte[] head(int contentLength) {
        return ("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Connection: close\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Polls until the condition holds, for at most a minute (a bound, not a timing assertion). */
    private static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(end);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
