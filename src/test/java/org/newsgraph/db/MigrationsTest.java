package org.newsgraph.db;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flyway migrations in {@code db/migration} build the news model on an empty database, and its constraints hold. */
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
             var rs = connection.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public' order by 1")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        assertThat(tables).contains("articles", "actors", "statements", "events", "event_participants",
                "statement_events", "statement_relays", "statement_mentions", "actor_aliases", "affiliations");
        assertThat(flyway().migrate().migrationsExecuted).as("a second migrate has nothing to do").isZero();
    }

    @Test
    void everyForeignKeyColumnIsIndexed() throws SQLException {
        // A foreign key column without an index makes joins and cascading deletes scan whole tables.
        var unindexed = new ArrayList<String>();
        try (var connection = connect(); var rs = connection.createStatement().executeQuery("""
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
                    .isInstanceOf(SQLException.class).hasMessageContaining("speaker_id");
            connection.rollback();
        }
    }

    @Test
    void duplicateArticleUrl_isRejected() throws SQLException {
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            var st = connection.createStatement();
            st.execute("insert into articles (url, title) values ('https://example.com/same', 'First')");
            assertThatThrownBy(() -> st.execute("insert into articles (url, title) values ('https://example.com/same', 'Second')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("articles_url_key");
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
                    "insert into actors (kind, name, name_key, wikidata_id) values ('PERSON', 'Y', 'y', 'not-a-qid')"}) {
                connection.setAutoCommit(false);
                assertThatThrownBy(() -> connection.createStatement().execute(sql))
                        .as(sql).isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
                connection.rollback();
            }
        }
    }

    private static java.sql.Connection connect() throws SQLException {
        var database = TestDatabase.get();
        return DriverManager.getConnection(url, database.user(), database.password());
    }
}
