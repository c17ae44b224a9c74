package org.newsgraph.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gauges of live news: {@code newsgraph.subscriptions.open} (subscriptions open on this instance, over
 * WebSocket and SSE), {@code newsgraph.subscriptions.executions} (executions following the change feed:
 * one per group of subscriptions sharing one, one per subscription running alone),
 * {@code newsgraph.subscriptions.shared} (executions that later identical subscriptions can join) and
 * {@code newsgraph.change.feed.listening} (1 while the LISTEN connection is up).
 */
@Configuration(proxyBeanMethods = false)
class LiveMetrics {

    @Bean
    Gauge openSubscriptionsGauge(MeterRegistry registry, SharedSubscriptions subscriptions) {
        return Gauge.builder("newsgraph.subscriptions.open", subscriptions, SharedSubscriptions::openSubscriptions)
                .description("Subscriptions open on this instance (WebSocket and SSE)")
                .register(registry);
    }

    @Bean
    Gauge subscriptionExecutionsGauge(MeterRegistry registry, ChangeFeed feed) {
        return Gauge.builder("newsgraph.subscriptions.executions", feed, ChangeFeed::openSubscriptions)
                .description("Subscription executions following the change feed (one per group sharing one)")
                .register(registry);
    }

    @Bean
    Gauge sharedExecutionsGauge(MeterRegistry registry, SharedSubscriptions subscriptions) {
        return Gauge.builder("newsgraph.subscriptions.shared", subscriptions, SharedSubscriptions::sharedExecutions)
                .description("Subscription executions that identical new subscriptions join")
                .register(registry);
    }

    @Bean
    Gauge changeFeedListeningGauge(MeterRegistry registry, ChangeFeed feed) {
        return Gauge.builder("newsgraph.change.feed.listening", feed, f -> f.listening() ? 1 : 0)
                .description("1 while this instance listens for changes on its database connection")
                .register(registry);
    }
}
