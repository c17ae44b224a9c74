package org.newsgraph.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

class GraphQlRequestMetricsTest {

    @Test
    void operationNames_areBoundedSoClientsCannotGrowTheRegistry() {
        var registry = new SimpleMeterRegistry();
        var metrics = new GraphQlRequestMetrics(
                registry,
                new StaticListableBeanFactory().getBeanProvider(org.newsgraph.sqlmetrics.SqlStatementCounter.class),
                3);

        for (String name : new String[] {"A", "B", "C", "D", "E", "A", "x".repeat(200), "not-a-name"}) {
            metrics.intercept(request(name), request -> Mono.error(new IllegalStateException("no execution")))
                    .onErrorComplete()
                    .block();
        }

        assertThat(registry.find(GraphQlRequestMetrics.TIMER).timers())
                .extracting(timer -> timer.getId().getTag("operation"))
                .containsOnly("A", "B", "C", GraphQlRequestMetrics.OTHER);
        assertThat(registry.find(GraphQlRequestMetrics.STATEMENTS).summaries()).isEmpty();
    }

    private static WebGraphQlRequest request(String operationName) {
        return new WebGraphQlRequest(
                URI.create("http://localhost/graphql"),
                new HttpHeaders(),
                null,
                null,
                Map.of(),
                Map.of("query", "query " + operationName + " { __typename }", "operationName", operationName),
                "1",
                Locale.ROOT);
    }
}
