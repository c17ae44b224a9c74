package org.newsgraph.sqlmetrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the total of {@link SqlStatementCounter} as the counter {@code newsgraph.sql.statements}
 * ({@code /actuator/metrics/newsgraph.sql.statements} when the metrics endpoint is exposed): the benchmark
 * divides its growth over a load run by the requests served, whatever thread ran the SQL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("newsgraph.sql-metrics.enabled")
class SqlStatementMeter {

    @Bean
    FunctionCounter sqlStatementsMeter(SqlStatementCounter counter, MeterRegistry registry) {
        return FunctionCounter.builder("newsgraph.sql.statements", counter, SqlStatementCounter::totalStatements)
                .description("SQL statements executed through the application's DataSource")
                .register(registry);
    }
}
