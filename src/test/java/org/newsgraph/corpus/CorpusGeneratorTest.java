package org.newsgraph.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.SharesNothing;
import org.newsgraph.support.TableSnapshot;
import org.newsgraph.support.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The synthetic corpus at a tiny scale, loaded with COPY into fresh, migrated databases on the test server. */
@SharesNothing
class CorpusGeneratorTest {

    static final CorpusSpec SPEC = CorpusSpec.of(7, 0.01);
    static JdbcClient first;
    static DataSource firstDataSource;

    @BeforeAll
    static void loadOnce() throws Exception {
        firstDataSource = migratedDatabase();
        new CorpusLoader(firstDataSource).load(new CorpusGenerator(SPEC));
        first = JdbcClient.create(firstDataSource);
    }

    @Test
    void sameSeed_loadsIdenticalTables_andAnotherSeedDoesNot() throws Exception {
        var again = migratedDatabase();
        new CorpusLoader(again).load(new CorpusGenerator(SPEC));
        var other = migratedDatabase();
        new CorpusLoader(other).load(new CorpusGenerator(CorpusSpec.of(8, 0.01)));

        var snapshot = TableSnapshot.of(first);
        assertThat(snapshot.get("statements")).doesNotStartWith("0:");
        assertThat(TableSnapshot.of(JdbcClient.create(again))).isEqualTo(snapshot);
        assertThat(TableSnapshot.of(JdbcClient.create(other)).get("statements"))
                .isNotEqualTo(snapshot.get("statements"));
    }

    @Test
    void scale_setsTheRowCounts() {
        assertThat(count("select count(*) from actors")).isEqualTo(SPEC.actors());
        assertThat(count("select count(*) from articles")).isEqualTo(SPEC.articles());
        assertThat(count("select count(*) from events")).isEqualTo(SPEC.events());
        // 1 to 19 statements per article, 10 on average
        assertThat(count("select count(*) from statements")).isBetween(SPEC.articles() * 8L, SPEC.articles() * 12L);
    }

    @Test
    void nameKeys_areWhatTheDatabaseFunctionComputes() {
        assertThat(count("select count(*) from actors where name_key <> newsgraph_name_key(name)"))
                .isZero();
    }

    @Test
    void events_haveTwoToTenParticipants_andStatementsCiteAtMostThreeOfTheirArticlesEvents() {
        var participants = first.sql("""
                select min(n), max(n) from (select count(p.id) n from events e left join event_participants p on p.event_id = e.id group by e.id) t""")
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2)))
                .single();
        assertThat(participants.get(0)).isGreaterThanOrEqualTo(2);
        assertThat(participants.get(1)).isLessThanOrEqualTo(10);
        assertThat(
                        count(
                                "select coalesce(max(n), 0) from (select count(*) n from statement_events group by statement_id) t"))
                .isBetween(1L, 3L);
        assertThat(count("""
                select count(*) from statement_events se join statements s on s.id = se.statement_id
                where not exists (select 1 from article_events ae where ae.article_id = s.article_id and ae.event_id = se.event_id)""")).isZero();
    }

    @Test
    void aFewActors_sayMostThings() {
        // Zipf skew: the top tenth of the speakers say far more than a tenth of the statements
        long statements = count("select count(*) from statements");
        long topTenth = count("""
                select sum(n) from (select count(*) n from statements group by speaker_id order by n desc limit (select count(*) / 10 from actors)) t""");
        assertThat((double) topTenth / statements).isGreaterThan(0.4);
    }

    @Test
    void aliasesAffiliationsRelaysAndMentions_occurSometimes() {
        for (var table : List.of(
                "actor_aliases",
                "affiliations",
                "statement_relays",
                "statement_mentions",
                "event_relations",
                "article_contributors")) {
            assertThat(count("select count(*) from " + table)).as(table).isPositive();
        }
        assertThat(count("select count(*) from statement_relays")).isLessThan(count("select count(*) from statements"));
    }

    @Test
    void identitySequences_continueAfterTheGeneratedIds() {
        long id = first.sql(
                        "insert into actors (kind, name, name_key) values ('PERSON', 'Someone New', 'someone new') returning id")
                .query(Long.class)
                .single();
        assertThat(id).isGreaterThan(SPEC.actors());
        first.sql("delete from actors where id = ?").param(id).update();
    }

    @Test
    void loadingIntoADatabaseWithActors_isRefused() {
        assertThatThrownBy(() -> new CorpusLoader(firstDataSource).load(new CorpusGenerator(SPEC)))
                .hasMessageContaining("empty database");
    }

    private long count(String sql) {
        return first.sql(sql).query(Long.class).single();
    }

    static DataSource migratedDatabase() {
        var database = TestDatabase.get();
        return new DriverManagerDataSource(
                database.createMigratedDatabase("corpus"), database.user(), database.password());
    }
}
