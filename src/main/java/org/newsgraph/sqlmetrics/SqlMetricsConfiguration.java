package org.newsgraph.sqlmetrics;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import reactor.core.publisher.Mono;

/**
 * With {@code newsgraph.sql-metrics.enabled=true}, the data source is wrapped by datasource-proxy and every
 * GraphQL response carries {@code extensions.sql = {statements, selects, readOnly}}: how many SQL statements
 * the request ran, how many were SELECTs, how many ran in a read-only transaction. For tests and the benchmark (proving batching), off by default.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("newsgraph.sql-metrics.enabled")
public class SqlMetricsConfiguration {

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
                        && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)
                        && "dataSource".equals(beanName)) {
                    return ProxyDataSourceBuilder.create(dataSource)
                            .name("newsgraph")
                            .listener(counter.getObject())
                            .build();
                }
                return bean;
            }
        };
    }

    @Bean
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
                                        count.readOnly()));
                        builder.extensions(extensions);
                    }))
                    .doFinally(signal -> counter.end());
        });
    }
}
