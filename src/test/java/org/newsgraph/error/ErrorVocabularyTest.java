package org.newsgraph.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.web.RawHttp;
import org.newsgraph.web.UnharmedServerTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every layer answers in the one error vocabulary, over real HTTP: requests that are not GraphQL requests
 * get a 4xx with the API's body and an {@link ErrorCode}, never a 500, Spring's default body or a stack
 * trace in the log; graphql-java's messages name no Java classes.
 */
@ResourceLock(Resources.SYSTEM_OUT) // reads the log of the whole JVM
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorVocabularyTest extends UnharmedServerTest {

    /** The body is the API's: {@code errors[0].extensions.code} is one of {@link ErrorCode}. */
    private static ErrorCode codeOf(RawHttp.Response response) {
        String code = response.firstErrorCode();
        assertThat(code).as(response.body()).isNotNull();
        assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).contains(code);
        assertThat(response.body()).doesNotContain("timestamp", "Exception", "java.");
        return ErrorCode.valueOf(code);
    }

    @Test
    void jsonNullBody_is400BadRequest_notA500(CapturedOutput log) {
        int logBefore = log.getOut().length();
        for (String body : List.of("null", "  null ", "\"query\"", "42", "true")) {
            var response = http.post("/graphql", JSON, GRAPHQL_RESPONSE, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(codeOf(response)).isEqualTo(ErrorCode.BAD_REQUEST);
        }
        assertThat(log.getOut().substring(logBefore)).doesNotContain("NullPointerException", "\tat ");
    }

    @Test
    void batchArrayAndEmptyBodies_are400_withAMessageSayingWhy() {
        var batch = http.post("/graphql", JSON, JSON, "[{\"query\":\"{ __typename }\"}]");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(codeOf(batch)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(batch.json().at("/errors/0/message").asString()).contains("Batched");
        var empty = http.post("/graphql", JSON, JSON, "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(codeOf(empty)).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void getWithInvalidUtf8_isOur400_andLogsNoStackTrace(CapturedOutput log) {
        int logBefore = log.getOut().length();
        for (String query : List.of("%7B__typename%FF%7D", "%7B__typename%C3%28%7D", "%7B%ED%A0%80%7D")) {
            var response = http.get("/graphql?query=" + query, JSON);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(codeOf(response)).isEqualTo(ErrorCode.BAD_REQUEST);
        }
        assertThat(log.getOut().substring(logBefore))
                .doesNotContain("MalformedInputException", "InvalidParameterException", "\tat ");
    }

    @Test
    void otherMethodsMediaTypesAndPaths_getCodedBodies() {
        var put = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")));
        assertThat(put.status()).isEqualTo(405);
        assertThat(codeOf(put)).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        for (String type : List.of("application/xml", "text/plain", "application/json; charset=nonsense", "foo")) {
            var response = http.post("/graphql", type, JSON, "{\"query\":\"{ __typename }\"}");
            assertThat(response.status()).as(type).isEqualTo(415);
            assertThat(codeOf(response)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        var unknown = http.get("/no/such/page", JSON);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(codeOf(unknown)).isEqualTo(ErrorCode.NOT_FOUND);
        var notAcceptable = http.post("/graphql", JSON, "text/html", "{\"query\":\"{ __typename }\"}");
        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(codeOf(notAcceptable)).isEqualTo(ErrorCode.NOT_ACCEPTABLE);
    }

    @Test
    void validationAndCoercionMessages_nameNoJavaClasses() {
        List<RawHttp.Response> responses = List.of(
                http.graphql("{ actors(filter: {kind: FOO}) { totalCount } }", JSON),
                http.graphql("{ articles(first: 1.5) { totalCount } }", JSON),
                http.graphql("{ actors(filter: {kind: [FOO, {a: 1}]}) { totalCount } }", JSON),
                http.graphql("{ statements(filter: {saidFrom: 5}) { totalCount } }", JSON),
                http.graphql("{ articles(first: \"x\") { totalCount } }", JSON),
                http.graphql("query($n: Int) { articles(first: $n) { totalCount } }", Map.of("n", 1.5), JSON),
                http.graphql(
                        "query($n: Int) { articles(first: $n) { totalCount } }", Map.of("n", Map.of("a", 1)), JSON),
                http.graphql("query($n: Int) { articles(first: $n) { totalCount } }", Map.of("n", List.of(1)), JSON),
                http.graphql(
                        "query($k: ActorKind) { actors(filter: {kind: $k}) { totalCount } }",
                        Map.of("k", List.of("X")),
                        JSON));
        for (var response : responses) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(codeOf(response)).isEqualTo(ErrorCode.GRAPHQL_VALIDATION_FAILED);
            assertThat(response.json().at("/errors/0/message").asString())
                    .doesNotContainPattern("[A-Z][a-z]+Value\\{")
                    .doesNotContain(
                            "'Double'",
                            "'Integer'",
                            "'LinkedHashMap'",
                            "'ArrayList'",
                            "'String'",
                            "java.",
                            "VariableReference");
        }
        assertThat(responses.get(0).json().at("/errors/0/message").asString()).contains("'FOO'");
    }
}
