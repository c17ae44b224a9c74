package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.newsgraph.auth.ApiKeyService;
import org.newsgraph.auth.Role;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile corpus ({@code hostile/requests.ndjson}: a few hundred requests an attacker would send, each with
 * the status and {@code extensions.code} it must get), sent over raw HTTP/1.1 sockets to the real server on the
 * demo database. Every answer must also carry no stack trace or Java name, every GraphQL error a code; after
 * each request the server still answers a normal query, and after each class of attack no table has changed.
 */
@IntegrationTest
class HostileCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern MACRO = Pattern.compile("«(\\d+)\\*(.*?)»", Pattern.DOTALL);

    /** Java names and stack traces: a fully qualified name, an exception, a frame, a Java type or value (possessive
     * and anchored at word starts, so that a 900 kB answer is scanned in linear time). */
    static final Pattern LEAK = Pattern.compile("\\b(?:[a-z][a-z0-9_]*+\\.){2,}[A-Z][A-Za-z0-9_$]*+"
            + "|\\b[A-Z][A-Za-z0-9]*?(?:Exception|Error)\\b|\\bat [a-z]++\\.[a-z]|\\.java:\\d"
            + "|\\b(?:Integer|Long|Double|BigDecimal|BigInteger|LinkedHashMap|ArrayList|HashMap)\\b"
            + "|\\b[A-Z][A-Za-z]*+Value\\{|Caused by|Whitelabel|Apache Tomcat|<html");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeyService keys;

    record Case(String className, String name, JsonNode spec) {}

    @TestFactory
    Stream<DynamicNode> everyHostileRequest_getsItsStatusAndCode_andHarmsNothing() throws IOException {
        String editorKey = keys.create("hostile-corpus-" + UUID.randomUUID(), Role.EDITOR);
        var classes = new LinkedHashMap<String, List<Case>>();
        for (Case c : load(editorKey)) {
            classes.computeIfAbsent(c.className(), k -> new ArrayList<>()).add(c);
        }
        var http = new RawSocketHttp(port);
        return classes.entrySet().stream().map(entry -> {
            var snapshot = new Map<?, ?>[1];
            var tests = new ArrayList<DynamicNode>();
            tests.add(DynamicTest.dynamicTest("(tables before)", () -> snapshot[0] = TableSnapshot.of(jdbc)));
            for (Case c : entry.getValue()) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> check(http, c)));
            }
            tests.add(DynamicTest.dynamicTest(
                    "no table changed", () -> assertThat(TableSnapshot.of(jdbc)).isEqualTo(snapshot[0])));
            return DynamicContainer.dynamicContainer(entry.getKey(), tests);
        });
    }

    static List<Case> load(String editorKey) throws IOException {
        String text = new ClassPathResource("hostile/requests.ndjson").getContentAsString(StandardCharsets.UTF_8);
        var cases = new ArrayList<Case>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            JsonNode spec = JSON.readTree(expand(line.replace("$EDITOR_KEY", editorKey)));
            cases.add(new Case(spec.path("class").asString(), spec.path("name").asString(), spec));
        }
        return cases;
    }

    /** {@code «N*text»}: text N times, {@code %i} in it the repetition's index. */
    static String expand(String line) {
        Matcher m = MACRO.matcher(line);
        var out = new StringBuilder();
        while (m.find()) {
            var repeated = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(m.group(1)); i++) {
                repeated.append(m.group(2).replace("%i", Integer.toString(i)));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(repeated.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void check(RawSocketHttp http, Case c) {
        var response = http.send(request(c.spec()));
        JsonNode expect = c.spec().path("expect");
        String seen = response.status() + " " + abbreviated(response.body());
        assertThat(values(expect.path("status")).stream().map(JsonNode::asInt))
                .as("status of %s", seen)
                .contains(response.status());
        assertThat(response.status()).as("no 500: %s", seen).isNotEqualTo(500);
        String scanned = response.body().replaceAll("\"classification\":\"\\w+\"", "");
        assertThat(LEAK.matcher(scanned).find())
                .as("no Java names or stack traces: %s", seen)
                .isFalse();
        JsonNode body = response.json();
        if (body != null && body.path("errors").isArray()) {
            for (JsonNode error : body.path("errors")) {
                assertThat(error.path("extensions").path("code").isString())
                        .as("every error has a code: %s", seen)
                        .isTrue();
            }
        }
        if (expect.has("code")) {
            String code = body == null ? null : firstCode(body);
            var codes = values(expect.path("code")).stream()
                    .map(v -> v.isNull() ? null : v.asString())
                    .toList();
            assertThat(codes).as("code of %s", seen).contains(code);
        }
        expect.path("header")
                .properties()
                .forEach(header -> assertThat(response.header(header.getKey()))
                        .as("header %s of %s", header.getKey(), seen)
                        .startsWith(header.getValue().asString()));
        var normal = http.send(new RawSocketHttp.Request(
                "POST",
                "/graphql",
                Map.of("Content-Type", "application/json", "Accept", "application/json"),
                "{\"query\":\"{ articles(first: 1) { totalCount } }\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(normal.body()).as("the server still answers").contains("\"totalCount\"");
    }

    private static String firstCode(JsonNode body) {
        JsonNode code = body.path("errors").path(0).path("extensions").path("code");
        return code.isString() ? code.asString() : null;
    }

    private static List<JsonNode> values(JsonNode node) {
        var list = new ArrayList<JsonNode>();
        if (node.isArray()) node.forEach(list::add);
        else list.add(node);
        return list;
    }

    static RawSocketHttp.Request request(JsonNode spec) {
        String method = spec.path("method").asString("POST");
        var headers = new LinkedHashMap<String, String>();
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Accept", "application/graphql-response+json");
        spec.path("headers").properties().forEach(h -> {
            if (h.getValue().isNull()) headers.remove(h.getKey());
            else headers.put(h.getKey(), h.getValue().asString());
        });
        byte[] body;
        if (spec.has("json")) body = JSON.writeValueAsBytes(spec.get("json"));
        else if (spec.has("body"))
            body = utf8WithLoneSurrogates(spec.get("body").asString());
        else if (spec.has("bodyHex"))
            body = HexFormat.of().parseHex(spec.get("bodyHex").asString());
        else body = null;
        byte[] raw = spec.has("raw") ? spec.get("raw").asString().getBytes(StandardCharsets.ISO_8859_1) : null;
        return new RawSocketHttp.Request(method, spec.path("path").asString("/graphql"), headers, body, raw);
    }

    /** UTF-8, except that a lone surrogate is written as its (invalid) three-byte form, as a hostile client would. */
    private static byte[] utf8WithLoneSurrogates(String text) {
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isSurrogate((char) cp)) {
                out.write(0xE0 | (cp >> 12));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(cp);
        }
        return out.toByteArray();
    }

    private static String abbreviated(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
