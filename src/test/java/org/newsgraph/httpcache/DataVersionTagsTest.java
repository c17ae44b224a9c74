package org.newsgraph.httpcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.error.DatabaseFailures;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.support.RestartPorts;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The data version of an entity tag when the database cannot be reached: the failure is thrown, so that a GET
 * ends there (503, {@code SERVICE_UNAVAILABLE}) instead of waiting for a connection a second time to run its query
 * (DatabaseOutageIT shows the answer over HTTP).
 */
class DataVersionTagsTest {

    @Test
    void tag_throwsServiceUnavailable_whenTheDatabaseGivesNoConnection() {
        // a PostgreSQL URL on a port that nothing listens on: every connection attempt is refused
        var nobody = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + RestartPorts.free() + "/newsgraph");
        var tags = new DataVersionTags(
                JdbcClient.create(nobody),
                new DefaultListableBeanFactory().getBeanProvider(GraphQlSource.class),
                new StandardEnvironment());

        Throwable failure = catchThrowable(() -> tags.tag(List.of("application/json", "{ articles { totalCount } }")));

        assertThat(failure).isInstanceOf(DataAccessException.class);
        assertThat(DatabaseFailures.classify(failure)).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }
}
