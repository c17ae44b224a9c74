package org.newsgraph.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), for requests that no
 * HTTP client library would send: any method, raw bytes in the request line and headers (characters up to
 * U+00FF are sent as those bytes), a {@code Content-Length} that lies, invalid UTF-8 in the body.
 */
final class RawSocketHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    RawSocketHttp(int port) {
        this.port = port;
    }

    /**
     * A request; {@code body} null sends no body (and no {@code Content-Length} unless a header gives one, or a
     * {@code Transfer-Encoding} header is given). {@code raw}, when not null, is sent as it is instead (request
     * line, headers and body: pipelined requests, bare line feeds, HTTP/1.0).
     */
    record Request(String method, String path, Map<String, String> headers, byte[] body, byte[] raw) {
        Request(String method, String path, Map<String, String> headers, byte[] body) {
            this(method, path, headers, body, null);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            try {
                return body.isEmpty() ? null : JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return null;
            }
        }
    }

    Response send(Request request) {
        var head = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(request.path())
                .append(" HTTP/1.1\r\nHost: localhost:")
                .append(port)
                .append("\r\nConnection: close\r\n");
        boolean lengthGiven = false;
        for (var header : request.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            lengthGiven |= header.getKey().equalsIgnoreCase("Content-Length")
                    || header.getKey().equalsIgnoreCase("Transfer-Encoding");
        }
        if (request.body() != null && !lengthGiven) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("\r\n");
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            try {
                if (request.raw() != null) {
                    out.write(request.raw());
                } else {
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    if (request.body() != null) out.write(request.body());
                }
                out.flush();
            } catch (IOException closedWhileSending) {
                // the server may answer and close before reading everything (413): read what it said
            }
            return parse(readAll(socket.getInputStream()), request.method().equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        try {
            for (int n; (n = in.read(chunk)) != -1; ) buffer.write(chunk, 0, n);
        } catch (SocketTimeoutException | java.net.SocketException reset) {
            if (buffer.size() == 0) throw reset;
        }
        return buffer.toByteArray();
    }

    private static Response parse(byte[] raw, boolean head) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 1") && text.indexOf("\r\n\r\n") > 0) { // an interim answer: 100 Continue
            int interimEnd = text.indexOf("\r\n\r\n") + 4;
            text = text.substring(interimEnd);
            raw = java.util.Arrays.copyOfRange(raw, interimEnd, raw.length);
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) throw new IllegalStateException("no HTTP response: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new TreeMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head) body = new byte[0];
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
        else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (length < body.length) body = java.util.Arrays.copyOf(body, length);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrLf(body, at);
            if (lineEnd < 0) break;
            String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) break;
            out.write(body, lineEnd + 2, Math.min(n, body.length - lineEnd - 2));
            at = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') return i;
        }
        return -1;
    }
}
