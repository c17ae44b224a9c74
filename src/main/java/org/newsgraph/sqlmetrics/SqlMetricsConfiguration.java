package org.newsgraph.sqlmetrics;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import reactor.core.publisher.Mono;

/**
 * The data source wrapped by {@link CountingDataSource}, counting SQL statements, when the request metrics
 * ({@code newsgraph.metrics.enabled}, on by default: statements per request) or the response extension
 * ({@code newsgraph.sql-metrics.enabled}) want them. With {@code newsgraph.sql-metrics.enabled=true} every
 * GraphQL response carries {@code extensions.sql = {statements, selects, readOnly, alone}}: how many SQL statements
 * the request ran, how many were SELECTs, how many ran in a read-only transaction, and how many SELECTs ran
 * outside any transaction (a one-statement read). For tests and the benchmark (proving batching), off by default.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SqlMetricsConfiguration.CountingWanted.class)
public class SqlMetricsConfiguration {

    /** Either property on. */
    static final class CountingWanted extends AnyNestedCondition {
        CountingWanted() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBooleanProperty("newsgraph.sql-metrics.enabled")
        static final class Extension {}

        @ConditionalOnBooleanProperty(name = "newsgraph.metrics.enabled", matchIfMissing = true)
        static final class RequestMetrics {}
    }

    @Bean
    static SqlStatementCounter sqlStatementCounter() {
        return new SqlStatementCounter();
    }

    @Bean
    static BeanPostProcessor sqlCountingDataSourcePostProcessor(
            org.springframework.beans.factory.ObjectProvider<SqlStatementCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource
                        && !(bean instanceof CountingDataSource)
                        && "dataSource".equals(beanName)) {
                    return new CountingDataSource(dataSource, counter.getObject());
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnBooleanProperty("newsgraph.sql-metrics.enabled")
    WebGraphQlInterceptor sqlCountingInterceptor(SqlStatementCounter counter) {
        return (request, chain) -> Mono.defer(() -> {
            var count = counter.begin();
            return chain.next(request)
                    .map(response -> response.transform(builder -> {
                        Map<Object, Object> extensions = new LinkedHashMap<>(response.getExtensions());
                        extensions.put(
                                "sql",
                                Map.of(
                                        "statements",
                                        count.statements(),
                                        "selects",
                                        count.selects(),
                                        "readOnly",
                                        count.readOnly(),
                                        "alone",
                                        count.alone()));
                        builder.extensions(extensions);
                    }))
                    .doFinally(signal -> counter.end());
        });
    }
}
