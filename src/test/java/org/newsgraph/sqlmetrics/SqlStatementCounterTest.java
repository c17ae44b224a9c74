package org.newsgraph.sqlmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statements counted on the application's data source ({@link CountingDataSource}): prepared and plain,
 * single and batched, in read-only transactions or not, per thread.
 */
@IntegrationTest
class SqlStatementCounterTest {

    @Autowired
    SqlStatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    @Test
    void everyStatementOfTheThread_isCounted_preparedPlainAndBatched_withItsKindAndTransaction() {
        var readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        var writing = new TransactionTemplate(transactions);
        long totalBefore = counter.totalStatements();
        var count = counter.begin();
        try {
            // a prepared SELECT, a plain one (no parameters: JdbcTemplate uses a Statement), a WITH query
            jdbc.sql("select count(*) from actors where id > ?")
                    .param(0)
                    .query(Long.class)
                    .single();
            jdbc.sql("select 1").query(Integer.class).single();
            jdbc.sql("  WITH x AS (select 1 as n) select n from x")
                    .query(Integer.class)
                    .single();
            // two SELECTs in a read-only transaction
            readOnly.executeWithoutResult(status -> {
                jdbc.sql("select count(*) from events").query(Long.class).single();
                jdbc.sql("(select ?::int)").param(2).query(Integer.class).single();
            });
            // writes: a plain CREATE, a batch of three rows (one statement), a prepared UPDATE, a plain batch of two
            writing.executeWithoutResult(status -> {
                jdbc.sql("create temporary table counted (n int) on commit drop")
                        .update();
                template.batchUpdate(
                        "insert into counted (n) values (?)",
                        List.of(new Object[] {1}, new Object[] {2}, new Object[] {3}));
                jdbc.sql("update counted set n = n + ? where n > 1").param(1).update();
                template.batchUpdate("insert into counted (n) values (10)", "insert into counted (n) values (11)");
                assertThat(jdbc.sql("select count(*) from counted")
                                .query(Long.class)
                                .single())
                        .isEqualTo(5);
            });
        } finally {
            counter.end();
        }
        // 3 + 2 SELECTs; CREATE, batch insert, UPDATE, two plain inserts, the last SELECT
        assertThat(count.statements()).isEqualTo(11);
        assertThat(count.selects()).isEqualTo(6);
        assertThat(count.readOnly()).isEqualTo(2);
        assertThat(counter.totalStatements() - totalBefore).isGreaterThanOrEqualTo(11);
    }

    @Test
    void statementsOfAnotherThread_areNotCountedForThisOne_butInTheTotal() throws Exception {
        long totalBefore = counter.totalStatements();
        var count = counter.begin();
        try {
            CompletableFuture.runAsync(
                            () -> jdbc.sql("select 1").query(Integer.class).single())
                    .get();
            jdbc.sql("select 2").query(Integer.class).single();
        } finally {
            counter.end();
        }
        assertThat(count.statements()).isEqualTo(1);
        assertThat(counter.totalStatements() - totalBefore).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aNestedBegin_sharesTheCount_andOnlyTheOutermostEndStopsIt() {
        var outer = counter.begin();
        try {
            var inner = counter.begin();
            assertThat(inner).isSameAs(outer);
            counter.end();
            jdbc.sql("select 1").query(Integer.class).single();
        } finally {
            counter.end();
        }
        jdbc.sql("select 1").query(Integer.class).single();
        assertThat(outer.statements()).isEqualTo(1);
    }

    @Test
    void theWrappedConnection_unwrapsToTheDriver_andItsStatementsToTheirConnection() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
            assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isPositive();
            try (Statement statement = connection.createStatement()) {
                assertThat(statement.getConnection()).isSameAs(connection);
                assertThat(statement.executeQuery("select 1").next()).isTrue();
            }
        }
    }

    @Test
    void selectsAreRecognisedByTheirFirstWord_whateverCaseAndLeadingSpace() {
        assertThat(SqlStatementCounter.isSelect("select 1")).isTrue();
        assertThat(SqlStatementCounter.isSelect("\n  SELECT 1")).isTrue();
        assertThat(SqlStatementCounter.isSelect("With x as (select 1) select * from x"))
                .isTrue();
        assertThat(SqlStatementCounter.isSelect("(select 1) union (select 2)")).isTrue();
        assertThat(SqlStatementCounter.isSelect("insert into t select 1")).isFalse();
        assertThat(SqlStatementCounter.isSelect("sel")).isFalse();
        assertThat(SqlStatementCounter.isSelect("")).isFalse();
    }
}
