package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL-over-HTTP behaviour of {@code /graphql} (https://graphql.github.io/graphql-over-http/draft/),
 * automatic persisted queries and CORS, checked with plain HTTP requests so that every header and status
 * is visible.
 */
@IntegrationTest
class GraphQlOverHttpTest {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    // language=GraphQL
    static final String QUERY = "query Count { articles { totalCount } }";

    static final JsonMapper json = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    // --- connections ----------------------------------------------------------------------------
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.graphql.execution.GraphQlSource graphQlSource;

    @Test
    void theApplicationsInstrumentations_runWithoutThePerFieldChain() {
        assertThat(graphQlSource.graphQl().getInstrumentation()).isInstanceOf(RequestLevelInstrumentation.class);
    }

    @Test
    void keepAlive_oneConnectionServesManyRequestsWithoutBeingClosed() throws Exception {
        // Tomcat's default closes a keep-alive connection after 100 requests; clients would reconnect.
        byte[] content = body(QUERY).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Accept: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        // one write per request (head and body in two would wait for delayed ACKs)
        byte[] request = java.util.Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            var out = socket.getOutputStream();
            for (int i = 1; i <= 250; i++) {
                out.write(request);
                out.flush();
                var headers = new java.util.ArrayList<String>();
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    headers.add(line.toLowerCase(java.util.Locale.ROOT));
                }
                assertThat(headers.get(0)).as("status line of request %d", i).startsWith("http/1.1 200");
                assertThat(headers).as("headers of request %d", i).doesNotContain("connection: close");
                int length = headers.stream()
                        .filter(h -> h.startsWith("content-length:"))
                        .mapToInt(h -> Integer.parseInt(
                                h.substring("content-length:".length()).trim()))
                        .findFirst()
                        .orElseThrow();
                byte[] answer = new byte[length];
                in.readFully(answer);
                assertThat(json.readTree(answer).at("/data/articles/totalCount").asInt())
                        .isPositive();
            }
        }
    }

    private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed by the server after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    // --- POST and media types -------------------------------------------------------------------

    @Test
    void post_acceptingGraphQlResponseJson_answersInThatMediaType() throws Exception {
        var response = post(body(QUERY), "application/json", GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith(GRAPHQL_RESPONSE);
        assertThat(tree(response).at("/data/articles/totalCount").asInt()).isPositive();
    }

    @Test
    void post_withCharsetInContentType_isAccepted() throws Exception {
        var response = post(body(QUERY), "application/json; charset=utf-8", GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tree(response).at("/data/articles/totalCount").asInt()).isPositive();
    }

    @Test
    void post_withoutAccept_answersApplicationJson() throws Exception {
        var response = post(body(QUERY), "application/json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
    }

    @Test
    void post_acceptWithQualities_getsTheMediaTypeWithTheHigherQuality() throws Exception {
        assertThat(contentType(post(
                        body(QUERY), "application/json", "application/json;q=0.5, application/graphql-response+json")))
                .startsWith(GRAPHQL_RESPONSE);
        assertThat(contentType(post(
                        body(QUERY), "application/json", "application/graphql-response+json;q=0.1, application/json")))
                .startsWith("application/json");
        // the client's recommended header (spec, Accept section)
        assertThat(contentType(post(
                        body(QUERY), "application/json", "application/graphql-response+json, application/json;q=0.9")))
                .startsWith(GRAPHQL_RESPONSE);
        assertThat(contentType(post(body(QUERY), "application/json", "*/*"))).startsWith("application/json");
    }

    @Test
    void post_acceptingNeitherMediaType_is406() throws Exception {
        var response = post(body(QUERY), "application/json", "text/html");
        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(tree(response).at("/errors/0/extensions/code").asString()).isEqualTo("NOT_ACCEPTABLE");
    }

    @Test
    void documentThatDoesNotParse_is400WithGraphQlResponseJson_and200WithApplicationJson() throws Exception {
        var strict = post(body("{ articles { totalCount "), "application/json", GRAPHQL_RESPONSE);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(tree(strict).has("data")).isFalse();
        assertThat(tree(strict).at("/errors/0/extensions/classification").asString())
                .isEqualTo("InvalidSyntax");

        var legacy = post(body("{ articles { totalCount "), "application/json", "application/json");
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(tree(legacy).at("/errors/0/message").asString()).isNotBlank();
    }

    @Test
    void documentThatDoesNotValidate_is400WithGraphQlResponseJson_and200WithApplicationJson() throws Exception {
        var strict = post(body("{ noSuchField }"), "application/json", GRAPHQL_RESPONSE);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(tree(strict).at("/errors/0/extensions/classification").asString())
                .isEqualTo("ValidationError");

        assertThat(post(body("{ noSuchField }"), "application/json", "application/json")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void variablesThatDoNotCoerce_are400WithGraphQlResponseJson() throws Exception {
        var request = Map.of(
                "query",
                "query($n: Int) { articles(first: $n) { totalCount } }",
                "variables",
                Map.of("n", "not a number"));
        assertThat(post(json.writeValueAsString(request), "application/json", GRAPHQL_RESPONSE)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void fieldErrorsDuringExecution_are200() throws Exception {
        // execution started, so data is present (possibly null) and the status is 200 in both media types
        var response = post(body("{ articles(first: -1) { totalCount } }"), "application/json", GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isIn(200);
        assertThat(tree(response).has("data")).isTrue();
    }

    @Test
    void malformedJsonBody_is400WithAGraphQlError() throws Exception {
        for (String accept : new String[] {GRAPHQL_RESPONSE, "application/json"}) {
            var response = post("{\"query\": ", "application/json", accept);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(tree(response).at("/errors/0/extensions/code").asString())
                    .isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void bodyWithoutQuery_is400() throws Exception {
        var response = post("{\"variables\": {}}", "application/json", GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(tree(response).at("/errors/0/message").asString()).contains("query");
    }

    @Test
    void variablesThatAreNotAnObject_are400() throws Exception {
        var response =
                post("{\"query\": \"{ __typename }\", \"variables\": \"x\"}", "application/json", GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void unsupportedContentType_is415() throws Exception {
        assertThat(post(QUERY, "text/plain", GRAPHQL_RESPONSE).statusCode()).isEqualTo(415);
        assertThat(post(body(QUERY), null, GRAPHQL_RESPONSE).statusCode()).isEqualTo(415);
    }

    // --- GET ------------------------------------------------------------------------------------

    @Test
    void get_executesAQueryWithVariablesAndOperationName() throws Exception {
        var response = get(
                Map.of(
                        "query",
                        "query A { __typename } query B($n: Int) { articles(first: $n) { totalCount } }",
                        "operationName",
                        "B",
                        "variables",
                        "{\"n\": 2}"),
                GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith(GRAPHQL_RESPONSE);
        assertThat(tree(response).at("/data/articles/totalCount").asInt()).isPositive();
    }

    @Test
    void get_withAMutation_is405AllowingPost_andRunsNothing() throws Exception {
        var response = get(Map.of("query", "mutation M { anything }"), GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(tree(response).at("/errors/0/extensions/code").asString()).isEqualTo("METHOD_NOT_ALLOWED");

        var selected = get(
                Map.of("query", "query Q { __typename } mutation M { anything }", "operationName", "M"),
                "application/json");
        assertThat(selected.statusCode()).isEqualTo(405);
    }

    @Test
    void get_withoutQuery_orWithVariablesThatAreNotJson_is400() throws Exception {
        assertThat(get(Map.of(), GRAPHQL_RESPONSE).statusCode()).isEqualTo(400);
        assertThat(get(Map.of("query", QUERY, "variables", "{not json"), GRAPHQL_RESPONSE)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void get_withADocumentThatDoesNotValidate_is400WithGraphQlResponseJson() throws Exception {
        assertThat(get(Map.of("query", "{ noSuchField }"), GRAPHQL_RESPONSE).statusCode())
                .isEqualTo(400);
        assertThat(get(Map.of("query", "{ noSuchField }"), "application/json").statusCode())
                .isEqualTo(200);
    }

    // --- automatic persisted queries --------------------------------------------------------------

    @Test
    void persistedQuery_unknownHash_isPersistedQueryNotFound_thenRegisteredByHashAndText() throws Exception {
        // language=GraphQL
        String query = "query Apq" + System.nanoTime() + " { articles { totalCount } }";
        String hash = sha256(query);
        var apq = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

        var unknown = post(json.writeValueAsString(Map.of("extensions", apq)), "application/json", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(tree(unknown).at("/errors/0/message").asString()).isEqualTo("PersistedQueryNotFound");
        assertThat(tree(unknown).at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        var registered = post(
                json.writeValueAsString(Map.of("query", query, "extensions", apq)),
                "application/json",
                GRAPHQL_RESPONSE);
        assertThat(tree(registered).at("/data/articles/totalCount").asInt()).isPositive();

        var byHash = post(json.writeValueAsString(Map.of("extensions", apq)), "application/json", GRAPHQL_RESPONSE);
        assertThat(byHash.statusCode()).isEqualTo(200);
        assertThat(tree(byHash).at("/data/articles/totalCount").asInt()).isPositive();

        var byGet = get(Map.of("extensions", json.writeValueAsString(apq)), GRAPHQL_RESPONSE);
        assertThat(byGet.statusCode()).isEqualTo(200);
        assertThat(tree(byGet).at("/data/articles/totalCount").asInt()).isPositive();
    }

    @Test
    void persistedQuery_hashThatDoesNotMatchTheText_isRejected() throws Exception {
        var apq = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256("something else")));
        var response = post(
                json.writeValueAsString(Map.of("query", QUERY, "extensions", apq)),
                "application/json",
                GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(tree(response).at("/errors/0/extensions/code").asString())
                .isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");
        assertThat(tree(response).has("data")).isFalse();
    }

    @Test
    void persistedQuery_mutationByHashOverGet_is405() throws Exception {
        String mutation = "mutation Nope" + System.nanoTime() + " { anything }";
        var apq = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256(mutation)));
        var response = get(Map.of("query", mutation, "extensions", json.writeValueAsString(apq)), GRAPHQL_RESPONSE);
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void persistedQuery_mutationRegisteredByPost_isStill405ByHashOverGet() throws Exception {
        // language=GraphQL
        String mutation = "mutation Registered" + System.nanoTime() + " { __typename }";
        var apq = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256(mutation)));
        var registered = post(
                json.writeValueAsString(Map.of("query", mutation, "extensions", apq)),
                "application/json",
                GRAPHQL_RESPONSE);
        assertThat(tree(registered).at("/data/__typename").asString()).isEqualTo("Mutation");

        var byHash = get(Map.of("extensions", json.writeValueAsString(apq)), GRAPHQL_RESPONSE);
        assertThat(byHash.statusCode()).isEqualTo(405);
        assertThat(byHash.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void documentCache_answersTheSameDocumentAgainFromTheCache() throws Exception {
        String query = "query Cached" + System.nanoTime() + " { articles { totalCount } }";
        var first = tree(post(body(query), "application/json", GRAPHQL_RESPONSE));
        var second = tree(post(body(query), "application/json", GRAPHQL_RESPONSE));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void documentCache_doesNotLetACachedDocumentSkipTheQueryLimits() throws Exception {
        // language=GraphQL
        String query = "query Costly" + System.nanoTime() + "($n: Int) { actors(first: $n) { edges { node {"
                + " statements(first: $n) { edges { node { events { participants { actor { name } } } } } } } } } }";
        var cheap = post(
                json.writeValueAsString(Map.of("query", query, "variables", Map.of("n", 1))),
                "application/json",
                GRAPHQL_RESPONSE);
        assertThat(cheap.statusCode()).as(cheap.body()).isEqualTo(200);
        // the same text again, now cached, with variables that make it too costly
        var costly = post(
                json.writeValueAsString(Map.of("query", query, "variables", Map.of("n", 100))),
                "application/json",
                GRAPHQL_RESPONSE);
        assertThat(costly.statusCode()).as(costly.body()).isEqualTo(400);
        assertThat(tree(costly).at("/errors/0/extensions/code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
    }

    // --- CORS and schema ------------------------------------------------------------------------

    @Test
    void cors_allowsLocalhostOriginsByDefault_andNoOthers() throws Exception {
        var allowed = preflight("http://localhost:5173", "POST");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

        var allowedGet = preflight("http://127.0.0.1:3000", "GET");
        assertThat(allowedGet.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://127.0.0.1:3000");

        var foreign = preflight("https://evil.example", "POST");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        var simple = http.send(
                HttpRequest.newBuilder(URI.create(url("/graphql")))
                        .header("Origin", "http://localhost:3000")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(QUERY)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
    }

    @Test
    void cors_productionProfileAllowsNoOrigin() throws Exception {
        var production = new YamlPropertySourceLoader()
                .load("production", new FileSystemResource("src/main/resources/application-production.yml"));
        assertThat(production).hasSize(1);
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(production.get(0));
        assertThat(environment.getProperty("newsgraph.cors.allowed-origins"))
                .isEqualTo(System.getenv().getOrDefault("NEWSGRAPH_CORS_ALLOWED_ORIGINS", ""));
    }

    @Test
    void schema_isServedAsSdl() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url("/graphql/schema"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("type Query").contains("articles(");
    }

    // --- helpers --------------------------------------------------------------------------------

    HttpResponse<String> post(String body, String contentType, String accept) throws Exception {
        var request =
                HttpRequest.newBuilder(URI.create(url("/graphql"))).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Map<String, String> params, String accept) throws Exception {
        var query = new StringBuilder();
        new LinkedHashMap<>(params)
                .forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(URI.create(url("/graphql") + query))
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> preflight(String origin, String method) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url("/graphql")))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", method)
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static String body(String query) {
        return json.writeValueAsString(Map.of("query", query));
    }

    static JsonNode tree(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
