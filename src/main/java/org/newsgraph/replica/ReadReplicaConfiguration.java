package org.newsgraph.replica;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * With {@code newsgraph.read-replica.urls} set, the application's data source becomes Spring's
 * {@link LazyConnectionDataSourceProxy} over the primary pool, whose read-only data source is the
 * {@link ReplicaRouter}: the repositories' {@code @Transactional(readOnly = true)} reads take a replica
 * connection (so do the one-statement reads that run without a transaction, {@code propagation = SUPPORTS}),
 * every other transaction (all writes, Flyway, the import) the primary's. A pool per server.
 * Without replicas nothing changes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadReplicaConfiguration.ReplicasConfigured.class)
@EnableConfigurationProperties(ReadReplicaProperties.class)
class ReadReplicaConfiguration {

    static final class ReplicasConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("newsgraph.read-replica.urls", Bindable.listOf(String.class))
                    .map(urls -> urls.stream().anyMatch(url -> !url.isBlank()))
                    .orElse(false);
        }
    }

    @Bean
    ReadReplicas readReplicas(
            ReadReplicaProperties properties,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        var urls = properties.urls().stream().filter(url -> !url.isBlank()).toList();
        return new ReadReplicas(
                new ReadReplicaProperties(
                        urls,
                        properties.username(),
                        properties.password(),
                        properties.maxLag(),
                        properties.checkInterval(),
                        properties.connectionTimeout()),
                dataSource,
                meters);
    }

    /**
     * Wraps the primary pool (bean {@code dataSource}) before other post-processors see it, so that the
     * SQL-counting proxy wraps the routing and counts replica statements too.
     */
    @Bean
    static BeanPostProcessor readReplicaRouting(ObjectProvider<ReadReplicas> replicas) {
        return new OrderedPostProcessor(replicas);
    }

    private record OrderedPostProcessor(ObjectProvider<ReadReplicas> replicas) implements BeanPostProcessor, Ordered {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof HikariDataSource primary && "dataSource".equals(beanName)) {
                var router = new ReplicaRouter(primary, replicas::getObject);
                var routing = new LazyConnectionDataSourceProxy(primary) {
                    /**
                     * A read that needs no transaction ({@code @Transactional(readOnly = true, propagation =
                     * SUPPORTS)}: one statement) takes its connection outside any transaction, so nothing marks it
                     * read-only for the proxy: it is routed as a read here.
                     */
                    @Override
                    public Connection getConnection() throws SQLException {
                        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()
                                && !TransactionSynchronizationManager.isActualTransactionActive()) {
                            return router.getConnection();
                        }
                        return super.getConnection();
                    }
                };
                routing.setReadOnlyDataSource(router);
                // Hikari's defaults; without them the proxy would open a connection now to ask
                routing.setDefaultAutoCommit(true);
                routing.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                routing.afterPropertiesSet();
                return routing;
            }
            return bean;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** The Hikari pool itself or inside the routing or counting wrappers. */
    static HikariDataSource hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool) {
            return pool;
        }
        try {
            return dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The data source is no Hikari pool: " + dataSource, e);
        }
    }
}
