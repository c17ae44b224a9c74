package org.newsgraph.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.newsgraph.error.ApiError;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.limits.LimitsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of a POST to the GraphQL endpoint without holding a worker thread, before anything else
 * sees the request. A servlet reads its body with blocking reads: a client that sends the headers and then
 * the body a byte at a time (slowloris) holds one of Tomcat's 200 threads for as long as it keeps sending,
 * and 200 such clients stop the whole server, health checks included. Here the body is read with the
 * Servlet API's non-blocking reads (an asynchronous request whose {@link ReadListener} is called when bytes
 * arrive), and the request goes on through the filters and GraphQL only once its whole body is in memory.
 * <ul>
 * <li>A body that has not arrived within {@code newsgraph.limits.request-body-timeout} (default 20 s, whatever
 * the pace) is answered 408 {@code REQUEST_TIMEOUT} and its connection closed.</li>
 * <li>The bodies being read at once hold at most {@code newsgraph.limits.request-body-memory} bytes (default a
 * sixteenth of the heap; a body counts its declared length, a chunked one what arrived so far): a request over
 * it is refused, 503 {@code OVERLOADED} with {@code Retry-After}, so that many slow uploads cannot fill the
 * heap either.</li>
 * <li>A body over {@code max-request-size} is refused, 413 {@code REQUEST_TOO_LARGE}.</li>
 * </ul>
 * A refused body of up to 2 MB is received and thrown away, as Tomcat itself does, so that the client reads the
 * answer instead of a reset connection; but without a thread ({@link UnreadBodies}: Tomcat's own discarding
 * reads block one). A larger one, and one that times out, is answered at once and its connection closed.
 * The request is then dispatched again (an asynchronous dispatch, which the filters after this one see as the
 * request itself) with the body replayed from memory. A small body that has arrived whole with the headers (the
 * usual case) is read at once, only as far as bytes are there, and the request goes on without the asynchronous
 * cycle.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBodyPrefetch extends OncePerRequestFilter {

    private static final String BODY = RequestBodyPrefetch.class.getName() + ".BODY";

    /** A refused body up to this size is received and thrown away (as Tomcat does), a larger one not at all. */
    private static final long MAX_DISCARDED = 2 * 1024 * 1024;

    /**
     * A declared body up to this size that has arrived with the headers is read at once and the request goes on
     * on this thread: no asynchronous cycle and second dispatch for the usual query (a GraphQL request is a few
     * kB). Only bytes already received are read; the rest of a body that has not all arrived is read as below.
     */
    private static final long ARRIVED_BODY_BYTES = 64 * 1024;

    private final String path;
    private final long maxBytes;
    private volatile long memoryBudget;
    private volatile Duration timeout;
    private final AtomicLong bytesHeld = new AtomicLong();
    private final AtomicInteger reading = new AtomicInteger();

    RequestBodyPrefetch(
            @Value("${spring.graphql.http.path:/graphql}") String path,
            LimitsProperties limits,
            @Value("${newsgraph.limits.request-body-timeout:20s}") Duration timeout,
            @Value("${newsgraph.limits.request-body-memory:#{null}}") DataSize memory) {
        this.path = path;
        this.maxBytes = limits.maxRequestSize().toBytes();
        this.timeout = timeout;
        this.memoryBudget =
                memory != null ? memory.toBytes() : Runtime.getRuntime().maxMemory() / 16;
    }

    /** For tests: another deadline for the bodies read from now on. */
    void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** For tests: another budget for the bodies read from now on. */
    void setMemoryBudget(long bytes) {
        this.memoryBudget = bytes;
    }

    Duration timeout() {
        return timeout;
    }

    long memoryBudget() {
        return memoryBudget;
    }

    /** Bodies being read now, without a thread (for tests and metrics). */
    public int bodiesBeingRead() {
        return reading.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST")
                || !path.equals(request.getRequestURI())
                || request.getAttribute(BODY) != null
                || (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, jakarta.servlet.ServletException {
        long declared = request.getContentLengthLong();
        ApiError refusal = null;
        long reserved = 0;
        if (declared > maxBytes) {
            refusal = tooLarge();
            if (declared
                    > MAX_DISCARDED) { // not worth receiving: answer now and close (Tomcat would not read it either)
                UnreadBodies.closeWithoutReadingTheRest(request);
                response.setHeader("Connection", "close");
                refusal.writeTo(response);
                return;
            }
        } else if (bytesHeld.addAndGet(Math.max(declared, 0)) > memoryBudget) {
            bytesHeld.addAndGet(-Math.max(declared, 0));
            refusal = overloaded();
        } else {
            reserved = Math.max(declared, 0);
        }
        var replayed = new PrefetchedRequest(request);
        byte[] arrived = new byte[0];
        if (refusal == null && declared > 0 && declared <= ARRIVED_BODY_BYTES) {
            // The usual small body came with the headers: read what is there now, without waiting for more.
            arrived = readArrived(request.getInputStream(), (int) declared);
            if (arrived.length == declared) {
                bytesHeld.addAndGet(-reserved);
                replayed.setBody(arrived);
                replayed.setAttribute(BODY, Boolean.TRUE);
                chain.doFilter(replayed, response);
                return;
            }
        }
        reading.incrementAndGet();
        AsyncContext async = request.startAsync(replayed, response);
        Duration deadline = timeout;
        async.setTimeout(deadline.toMillis());
        var reader = new BodyReader(async, replayed, response, request.getInputStream(), reserved, deadline, refusal);
        reader.body.write(arrived, 0, arrived.length);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /**
     * The bytes of the body (up to {@code length}) that have arrived already, read without blocking: a read is made
     * only while the container says bytes are there, so a client that has not sent its body (or sends it slowly)
     * holds no thread here; what is missing is then read by the {@link BodyReader}, without a thread.
     */
    private static byte[] readArrived(ServletInputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length && in.available() > 0) {
            int n = in.read(body, read, length - read);
            if (n < 0) break;
            read += n;
        }
        return (read == length) ? body : java.util.Arrays.copyOf(body, read);
    }

    private ApiError tooLarge() {
        return new ApiError(
                ErrorCode.REQUEST_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes",
                Map.of("limit", maxBytes));
    }

    private static ApiError overloaded() {
        return ApiError.of(
                ErrorCode.OVERLOADED, "Too many request bodies are being received at once; try again in a few seconds");
    }

    /**
     * Reads the body as it arrives, and ends the request or dispatches it with its body, exactly once. A body that
     * is refused (over the size limit or the memory budget) is read to its end and thrown away, so that the client,
     * which is still sending, then reads the refusal instead of a reset connection.
     */
    private final class BodyReader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final PrefetchedRequest request;
        private final HttpServletResponse response;
        private final ServletInputStream in;
        private final Duration deadline;
        private final ByteArrayOutputStream body;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean unread;
        private ApiError refusal;
        private long reserved;
        private long discarded;

        BodyReader(
                AsyncContext async,
                PrefetchedRequest request,
                HttpServletResponse response,
                ServletInputStream in,
                long reserved,
                Duration deadline,
                ApiError refusal) {
            this.async = async;
            this.request = request;
            this.response = response;
            this.in = in;
            this.reserved = reserved;
            this.deadline = deadline;
            this.refusal = refusal;
            this.body = new ByteArrayOutputStream((int) Math.min(Math.max(reserved, 256), maxBytes));
        }

        @Override
        public void onDataAvailable() throws IOException {
            byte[] chunk = new byte[8192];
            while (!ended.get() && in.isReady()) {
                int n = in.read(chunk);
                if (n == -1) return; // onAllDataRead follows
                if (refusal != null) {
                    discarded += n;
                    if (discarded > MAX_DISCARDED && end()) refuse(refusal, true);
                    continue;
                }
                body.write(chunk, 0, n);
                if (body.size() > maxBytes) {
                    refuseLater(tooLarge());
                } else if (body.size() > reserved) { // chunked: account for what arrived
                    long more = body.size() - reserved;
                    reserved = body.size();
                    if (bytesHeld.addAndGet(more) > memoryBudget) refuseLater(overloaded());
                }
            }
        }

        /** From now on the body is thrown away as it arrives, and the refusal is the answer. */
        private void refuseLater(ApiError error) {
            refusal = error;
            discarded = body.size();
            body.reset();
            bytesHeld.addAndGet(-reserved);
            reserved = 0;
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (!end()) return;
            if (refusal != null) {
                refuse(refusal, false);
                return;
            }
            request.setBody(body.toByteArray());
            request.setAttribute(BODY, Boolean.TRUE);
            async.dispatch();
        }

        @Override
        public void onError(Throwable failure) {
            if (!end()) return;
            try { // a malformed chunked body, a silent socket, or a client that went away (then nobody reads this)
                refuse(
                        failure instanceof java.net.SocketTimeoutException
                                ? ApiError.of(ErrorCode.REQUEST_TIMEOUT, "The request body stopped arriving")
                                : ApiError.of(
                                        ErrorCode.BAD_REQUEST,
                                        "The request body is not valid HTTP (a chunk size that is not one, a chunk"
                                                + " shorter than its size, chunk extensions or trailers over 8 kB)"),
                        true);
            } catch (IOException | IllegalStateException clientGone) {
                // nothing more can be said on this connection
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (!end()) return;
            refuse(
                    ApiError.of(
                            ErrorCode.REQUEST_TIMEOUT,
                            "The request body did not arrive within " + deadline.toMillis() / 1000.0 + " s"),
                    true);
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
            // Only now, with the asynchronous cycle complete: switched off before, Tomcat closes the connection
            // without completing the cycle, still counts the request as running, and a graceful shutdown waits
            // its whole timeout for it
            if (unread) UnreadBodies.closeWithoutReadingTheRest(request);
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        /** The first caller ends the reading and gives back its memory; later callers get false. */
        private boolean end() {
            if (!ended.compareAndSet(false, true)) return false;
            reading.decrementAndGet();
            bytesHeld.addAndGet(-reserved);
            return true;
        }

        /** Answers with the error; {@code unread}: the body has not been read to its end, so close without it. */
        private void refuse(ApiError error, boolean unread) throws IOException {
            this.unread = unread;
            response.setHeader("Connection", "close");
            try {
                error.writeTo(response);
            } finally {
                async.complete();
            }
        }
    }

    /**
     * The request as the filters after this one see it: its body replayed from memory, and its asynchronous
     * dispatch presented as the request itself until the application starts an asynchronous cycle of its own.
     */
    private static final class PrefetchedRequest extends BufferedBodyRequest {
        private volatile boolean ownAsyncStarted;

        PrefetchedRequest(HttpServletRequest request) {
            super(request, null);
        }

        @Override
        public DispatcherType getDispatcherType() {
            DispatcherType type = super.getDispatcherType();
            return type == DispatcherType.ASYNC && !ownAsyncStarted ? DispatcherType.REQUEST : type;
        }

        @Override
        public AsyncContext startAsync() {
            ownAsyncStarted = true;
            return super.startAsync();
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            ownAsyncStarted = true;
            return super.startAsync(request, response);
        }
    }
}
