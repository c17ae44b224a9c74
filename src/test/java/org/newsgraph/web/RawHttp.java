package org.newsgraph.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP to the server under test (java.net.http), so tests see the real status codes, headers
 * and bodies, including for requests no GraphQL client would send.
 */
public final class RawHttp {

    public static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    public static final String JSON = "application/json";
    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public RawHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response with its elapsed time; {@link #json()} parses the body. */
    public record Response(int status, String contentType, String body, Duration elapsed) {
        public JsonNode json() {
            return RawHttp.json.readTree(body);
        }

        /** {@code errors[0].extensions.code}, or null. */
        public String firstErrorCode() {
            var code = json().path("errors").path(0).path("extensions").path("code");
            return code.isMissingNode() || code.isNull() ? null : code.asString();
        }
    }

    public static String body(String query, Map<String, Object> variables) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("query", query);
        if (variables != null) map.put("variables", variables);
        return json.writeValueAsString(map);
    }

    /** POST /graphql with {@code {"query": ...}}, accepting the given media type. */
    public Response graphql(String query, String accept) {
        return post("/graphql", JSON, accept, body(query, null));
    }

    public Response graphql(String query, Map<String, Object> variables, String accept) {
        return post("/graphql", JSON, accept, body(query, variables));
    }

    public Response post(String path, String contentType, String accept, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response get(String pathAndQuery, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", accept)
                .GET());
    }

    public Response send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            var response =
                    client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
