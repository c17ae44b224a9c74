package org.newsgraph.embedded;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server (binaries from Maven Central) when no database URL is configured,
 * so that the run command needs nothing but a JDK; {@link EmbeddedPostgresServer} keeps it on loopback
 * with a password, restarts it when it dies, and stops it only after the web server drained (the data
 * source depends on it, so Spring closes the pool first and the server last). With
 * {@code spring.datasource.url} set, this configuration stays out of the way and Spring Boot's usual data
 * source is used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseUrlCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(EmbeddedPostgresProperties properties, ApplicationContext context) {
        // Given up on: liveness fails, so that whatever runs the process replaces it.
        return new EmbeddedPostgresServer(
                        properties, () -> AvailabilityChangeEvent.publish(context, LivenessState.BROKEN))
                .start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setPassword(postgres.password());
        dataSource.setPoolName("newsgraph");
        return dataSource;
    }
}
