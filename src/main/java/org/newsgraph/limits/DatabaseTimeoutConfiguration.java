package org.newsgraph.limits;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * PostgreSQL {@code statement_timeout} for the API's pooled connections: every new pool connection runs
 * {@code SET statement_timeout} (Hikari's connection-init-sql, unless one is configured already), so
 * a slow or blocked query ends with SQL state 57014 (mapped to {@code TIMEOUT}) and the connection goes
 * back to the pool. Flyway migrations run without that timeout (they may build indexes on large
 * tables); the pool connections Flyway used are evicted afterwards, so none keeps its setting. The
 * {@code import} command sets {@code newsgraph.limits.statement-timeout=0}: bulk loads are not API calls.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTimeoutConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTimeoutConfiguration.class);

    @Bean
    static BeanPostProcessor statementTimeoutOnPoolConnections(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                var pool = hikari(bean);
                if (pool != null && pool.getConnectionInitSql() == null) {
                    var limits = Binder.get(environment)
                            .bind("newsgraph.limits", LimitsProperties.class)
                            .orElseGet(LimitsProperties::defaults);
                    pool.setConnectionInitSql("SET statement_timeout = "
                            + limits.statementTimeout().toMillis());
                }
                return bean;
            }
        };
    }

    /** The Hikari pool itself or inside a wrapper (e.g. the SQL-counting proxy), or null. */
    static HikariDataSource hikari(Object bean) {
        if (bean instanceof HikariDataSource pool) return pool;
        try {
            if (bean instanceof DataSource dataSource && dataSource.isWrapperFor(HikariDataSource.class)) {
                return dataSource.unwrap(HikariDataSource.class);
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            log.debug("Data source {} does not unwrap to Hikari", bean, e);
        }
        return null;
    }

    @Bean
    FlywayConfigurationCustomizer migrationsWithoutStatementTimeout() {
        return configuration -> configuration.initSql("SET statement_timeout = 0");
    }

    /**
     * Nor with pgjdbc's {@code socketTimeout} (30 s in application.yml): a migration that fills a table
     * from a large corpus (the analytics_rollups migration: ~30-50 s on the 500k-statement corpus of a loaded
     * machine) is one statement that answers only when done. Flyway's connections get no network timeout.
     */
    @Bean
    FlywayConfigurationCustomizer migrationsWithoutSocketTimeout() {
        return configuration -> {
            DataSource target = configuration.getDataSource();
            if (target == null) {
                return;
            }
            configuration.dataSource(new DelegatingDataSource(target) {
                @Override
                public Connection getConnection() throws SQLException {
                    Connection connection = super.getConnection();
                    connection.setNetworkTimeout(Runnable::run, 0);
                    return connection;
                }
            });
        };
    }

    @Bean
    FlywayMigrationStrategy migrateThenRefreshPool(DataSource dataSource) {
        return flyway -> {
            flyway.migrate();
            var hikari = hikari(dataSource);
            var pool = hikari == null ? null : hikari.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            } else {
                log.warn("Could not evict the connections Flyway used; they keep statement_timeout = 0 until retired");
            }
        };
    }
}
