package org.newsgraph.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server (binaries from Maven Central) when no database URL is configured,
 * so that the run command needs nothing but a JDK. With {@code spring.datasource.url} set, this
 * configuration stays out of the way and Spring Boot's usual data source is used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseUrlCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        var dataDirectory = properties.dataDirectory().toAbsolutePath();
        log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                // The library turns durability off for tests (-F, synchronous_commit=off); this server holds
                // the user's data. A -c option comes after -F on the command line and wins.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .start();
        createDatabaseIfMissing(postgres, properties.database());
        var url = postgres.getJdbcUrl("postgres", properties.database());
        log.info(
                "Embedded PostgreSQL is up: JDBC URL {} (connect with: psql -h localhost -p {} -U postgres {})",
                url,
                postgres.getPort(),
                properties.database());
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", properties.database()));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("newsgraph");
        return dataSource;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + database.replace("'", "''") + "'");
            if (!exists.next()) {
                statement.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " in embedded PostgreSQL", e);
        }
    }
}
