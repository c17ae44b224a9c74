package org.newsgraph.sqlmetrics;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code newsgraph.sql-metrics.enabled=true} (the benchmark sets it), every SQL statement sent through
 * the application's DataSource is counted and published as the counter {@code newsgraph.sql.statements}
 * (e.g. {@code /actuator/metrics/newsgraph.sql.statements} when the metrics endpoint is exposed). Off by
 * default: it costs a proxy per connection and statement.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("newsgraph.sql-metrics.enabled")
class SqlMetricsConfiguration {

    @Bean
    static SqlStatementCounter sqlStatementCounter() {
        return new SqlStatementCounter();
    }

    @Bean
    static BeanPostProcessor countingDataSourcePostProcessor(ObjectProvider<SqlStatementCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && beanName.equals("dataSource")
                        ? counter.getObject().wrap(dataSource) : bean;
            }
        };
    }

    @Bean
    FunctionCounter sqlStatementsMeter(SqlStatementCounter counter, MeterRegistry registry) {
        return FunctionCounter.builder("newsgraph.sql.statements", counter, SqlStatementCounter::count)
                .description("SQL statements executed through the application's DataSource")
                .register(registry);
    }
}
