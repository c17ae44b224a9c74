package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * The request timeout answers in GraphQL with TIMEOUT when the execution does not complete in time.
 * (Data fetchers that block the request thread are bounded by the PostgreSQL statement_timeout instead:
 * see DatabaseOutageIT.)
 */
class RequestTimeoutInterceptorTest {

    private static final WebGraphQlRequest REQUEST = new WebGraphQlRequest(
            URI.create("http://localhost/graphql"),
            new HttpHeaders(),
            null,
            null,
            Map.of(),
            Map.of("query", "{ articles { totalCount } }"),
            "1",
            Locale.ROOT);

    private static LimitsProperties timeout(Duration timeout) {
        return LimitsProperties.of(Map.of("request-timeout", timeout.toMillis() + "ms"));
    }

    @Test
    void executionThatNeverEnds_answersTimeout_namingTheLimit() {
        var interceptor = new RequestTimeoutInterceptor(timeout(Duration.ofMillis(200)));
        var response = interceptor.intercept(REQUEST, request -> Mono.never()).block(Duration.ofMinutes(1));
        assertThat(response.getErrors()).hasSize(1);
        assertThat(response.getErrors().get(0).getExtensions())
                .containsEntry("code", "TIMEOUT")
                .containsEntry("timeoutMillis", 200L)
                .containsKey("errorId");
        assertThat(response.getErrors().get(0).getMessage()).contains("took too long");
        assertThat(response.getExecutionResult().isDataPresent()).isTrue();
    }

    @Test
    void executionWithinTheLimit_isUntouched() {
        var interceptor = new RequestTimeoutInterceptor(timeout(Duration.ofSeconds(5)));
        var response = interceptor.intercept(REQUEST, request -> Mono.empty()).blockOptional(Duration.ofSeconds(5));
        assertThat(response).isEmpty();
    }
}
