package org.newsgraph.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gauges of live news: {@code newsgraph.subscriptions.open} (subscriptions open on this instance, over
 * WebSocket and SSE) and {@code newsgraph.change.feed.listening} (1 while the LISTEN connection is up).
 */
@Configuration(proxyBeanMethods = false)
class LiveMetrics {

    @Bean
    Gauge openSubscriptionsGauge(MeterRegistry registry, ChangeFeed feed) {
        return Gauge.builder("newsgraph.subscriptions.open", feed, ChangeFeed::openSubscriptions)
                .description("Subscriptions open on this instance (WebSocket and SSE)")
                .register(registry);
    }

    @Bean
    Gauge changeFeedListeningGauge(MeterRegistry registry, ChangeFeed feed) {
        return Gauge.builder("newsgraph.change.feed.listening", feed, f -> f.listening() ? 1 : 0)
                .description("1 while this instance listens for changes on its database connection")
                .register(registry);
    }
}
