package org.newsgraph.sqlmetrics;

import org.junit.jupiter.api.Test;
import org.newsgraph.support.TestDatabase;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting DataSource counts each statement sent to PostgreSQL, however it is executed. */
class SqlStatementCounterTest {

    @Test
    void everyExecutedStatement_isCounted_andDriverUnwrappingStillWorks() throws Exception {
        var database = TestDatabase.get();
        var counter = new SqlStatementCounter();
        var dataSource = counter.wrap(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        var jdbc = JdbcClient.create(dataSource);

        jdbc.sql("select 1").query(Integer.class).single();
        jdbc.sql("select ?::int").param(2).query(Integer.class).single();
        assertThat(counter.count()).isEqualTo(2);

        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("select 3");
            statement.executeQuery("select 4").close();
            assertThat(connection.unwrap(PGConnection.class)).isNotNull();
        }
        assertThat(counter.count()).isEqualTo(4);
    }
}
