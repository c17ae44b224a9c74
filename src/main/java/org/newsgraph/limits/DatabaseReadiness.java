package org.newsgraph.limits;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database part of health and readiness: "can the database serve", asked without waiting for the
 * pool. Boot's own indicator borrows a pool connection and so reports DOWN whenever the pool is busy for
 * its 2.5 s connection timeout (a flood of slow queries), which makes a load balancer drop a healthy
 * instance. This one opens a connection of its own, outside the pool, with the pool's URL and credentials
 * and a 2 s connect timeout, and runs {@code select 1}: DOWN means PostgreSQL is unreachable or refuses,
 * not that it is busy. (Registered as {@code dbHealthIndicator}, in place of Boot's.)
 */
@Component("dbHealthIndicator")
class DatabaseReadiness implements HealthIndicator {

    private final DataSource dataSource;

    DatabaseReadiness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        HikariDataSource pool = DatabaseTimeoutConfiguration.hikari(dataSource);
        try (Connection connection = (pool != null && pool.getJdbcUrl() != null) ? direct(pool) : borrowed();
                var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return Health.up().build();
        } catch (SQLException | RuntimeException e) {
            return Health.down()
                    .withDetail("reason", "the database does not answer")
                    .build();
        }
    }

    private static Connection direct(HikariDataSource pool) throws SQLException {
        var properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) properties.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) properties.setProperty("password", pool.getPassword());
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "3");
        properties.setProperty("ApplicationName", "newsgraph-health");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private Connection borrowed() throws SQLException {
        return dataSource.getConnection();
    }
}
