package org.newsgraph.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.SharesNothing;
import org.newsgraph.support.TestDatabase;

/** The Flyway migrations in {@code db/migration} build the news model on an empty database, and its constraints hold. */
@SharesNothing
class MigrationsTest {

    private static String url;

    @BeforeAll
    static void migrateAnEmptyDatabase() {
        url = TestDatabase.get().createDatabase("migrations");
        var result = flyway().migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isPositive();
    }

    private static Flyway flyway() {
        var database = TestDatabase.get();
        return Flyway.configure()
                .dataSource(url, database.user(), database.password())
                .locations("classpath:db/migration")
                .load();
    }

    @Test
    void migrationsApplyToAnEmptyDatabase_andValidate() throws SQLException {
        flyway().validate();
        var tables = new ArrayList<String>();
        try (var connection = connect();
                var rs = connection
                        .createStatement()
                        .executeQuery(
                                "select table_name from information_schema.tables where table_schema = 'public' order by 1")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        assertThat(tables)
                .contains(
                        "articles",
                        "actors",
                        "statements",
                        "events",
                        "event_participants",
                        "statement_events",
                        "statement_relays",
                        "statement_mentions",
                        "actor_aliases",
                        "affiliations");
        assertThat(flyway().migrate().migrationsExecuted)
                .as("a second migrate has nothing to do")
                .isZero();
    }

    @Test
    void everyForeignKeyColumnIsIndexed() throws SQLException {
        // A foreign key column without an index makes joins and cascading deletes scan whole tables.
        var unindexed = new ArrayList<String>();
        try (var connection = connect();
                var rs = connection.createStatement().executeQuery("""
                select c.conrelid::regclass || '.' || a.attname
                from pg_constraint c
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where c.contype = 'f'
                  and not exists (select 1 from pg_index i
                                  where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])""")) {
            while (rs.next()) unindexed.add(rs.getString(1));
        }
        assertThat(unindexed).isEmpty();
    }

    @Test
    void statementWithoutSpeaker_isRejected() throws SQLException {
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            var st = connection.createStatement();
            st.execute("insert into articles (url, title) values ('https://example.com/a', 'A')");
            assertThatThrownBy(() -> st.execute("""
                    insert into statements (article_id, speaker_id, position, kind, text)
                    values ((select id from articles where url = 'https://example.com/a'), null, 0, 'PARAPHRASE', 'x')"""))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("speaker_id");
            connection.rollback();
        }
    }

    @Test
    void statementEventSortKey_followsTheStatementsSaidOn() throws SQLException {
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            var st = connection.createStatement();
            st.execute("insert into articles (url, title) values ('https://example.com/key', 'K')");
            st.execute("insert into actors (kind, name, name_key) values ('PERSON', 'Key Person', 'key person')");
            st.execute("insert into events (kind, title, status) values ('MEETING', 'Key talks', 'HAPPENED')");
            st.execute("""
                    insert into statements (article_id, speaker_id, position, kind, text, said_on, said_on_precision)
                    select a.id, p.id, n, 'PARAPHRASE', 'said ' || n, case when n = 0 then null else date '2025-04-20' + n end,
                           case when n = 0 then null else 'DAY' end
                    from articles a, actors p, generate_series(0, 1) n
                    where a.url = 'https://example.com/key' and p.name_key = 'key person'""");
            st.execute("""
                    insert into statement_events (statement_id, event_id)
                    select s.id, e.id from statements s, events e where s.text like 'said %' and e.title = 'Key talks'""");
            assertThat(keys(st)).containsExactly("-infinity", "2025-04-21");

            st.execute(
                    "update statements set said_on = date '2025-04-25', said_on_precision = 'DAY' where text = 'said 0'");
            st.execute("update statements set said_on = null, said_on_precision = null where text = 'said 1'");
            assertThat(keys(st)).containsExactly("2025-04-25", "-infinity");

            st.execute("update statement_events set said_on_key = date '1999-01-01'");
            assertThat(keys(st))
                    .as("the copy cannot be set to anything else")
                    .containsExactly("2025-04-25", "-infinity");
            connection.rollback();
        }
    }

    /** said_on_key of the links of 'said 0' and 'said 1', in that order. */
    private static java.util.List<String> keys(java.sql.Statement st) throws SQLException {
        var keys = new ArrayList<String>();
        try (var rs = st.executeQuery("""
                select se.said_on_key::text from statement_events se join statements s on s.id = se.statement_id
                where s.text like 'said %' order by s.text""")) {
            while (rs.next()) keys.add(rs.getString(1));
        }
        return keys;
    }

    @Test
    void duplicateArticleUrl_isRejected() throws SQLException {
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            var st = connection.createStatement();
            st.execute("insert into articles (url, title) values ('https://example.com/same', 'First')");
            assertThatThrownBy(() -> st.execute(
                            "insert into articles (url, title) values ('https://example.com/same', 'Second')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("articles_url_key");
            connection.rollback();
        }
    }

    @Test
    void unknownKinds_areRejected() throws SQLException {
        try (var connection = connect()) {
            for (var sql : new String[] {
                "insert into actors (kind, name, name_key) values ('ALIEN', 'Zork', 'zork')",
                "insert into events (kind, title, status) values ('PARTY_TIME', 'X', 'HAPPENED')",
                "insert into events (kind, title, status) values ('MEETING', 'X', 'MAYBE')",
                "insert into events (kind, title, status, starts_on) values ('MEETING', 'X', 'HAPPENED', '2025-01-01')",
                "insert into actors (kind, name, name_key, wikidata_id) values ('PERSON', 'Y', 'y', 'not-a-qid')"
            }) {
                connection.setAutoCommit(false);
                assertThatThrownBy(() -> connection.createStatement().execute(sql))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("check constraint");
                connection.rollback();
            }
        }
    }

    private static java.sql.Connection connect() throws SQLException {
        var database = TestDatabase.get();
        return DriverManager.getConnection(url, database.user(), database.password());
    }
}
