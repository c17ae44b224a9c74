package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reference article, loaded at start from {@code db/demo/}, is in the database as structured facts. */
@IntegrationTest
class DemoDatasetTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestService ingest;

    @Autowired
    ArticleDocumentReader reader;

    @Test
    void crimeaQuote_isZelenskysAndAboutRecognisingRussianControlOfCrimea() {
        var row = jdbc.sql("""
                select a.name, s.kind, s.channel, s.said_on::text, s.said_on_precision,
                       (select string_agg(e.external_key, ',' order by e.external_key)
                          from statement_events se join events e on e.id = se.event_id where se.statement_id = s.id)
                from statements s join actors a on a.id = s.speaker_id
                where s.text like 'Ukraine will not legally recognize the occupation of Crimea%'""")
                .query((rs, n) -> new String[] {
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)
                })
                .single();
        assertThat(row[0]).isEqualTo("Volodymyr Zelensky");
        assertThat(row[1]).isEqualTo("DIRECT_QUOTE");
        assertThat(row[2]).isEqualTo("told reporters");
        assertThat(row[3]).isEqualTo("2025-04-22");
        assertThat(row[4]).isEqualTo("DAY");
        assertThat(row[5]).contains("crimea");
    }

    @Test
    void londonTalks_haveLammyAsHost_kelloggRepresentingTheUs_andRubioWithdrawn() {
        var roles = jdbc.sql("""
                select a.name || ':' || p.role || coalesce(':' || r.name, '')
                from events e
                join event_participants p on p.event_id = e.id
                join actors a on a.id = p.actor_id
                left join actors r on r.id = p.represents_id
                where e.title_key like '%london%'""").query(String.class).list();
        assertThat(roles)
                .contains("David Lammy:HOST", "Keith Kellogg:REPRESENTATIVE:United States", "Marco Rubio:WITHDREW");
    }

    @Test
    void peskovsRemark_isRelayedByReutersCitingInterfax() {
        var chain = jdbc.sql("""
                select string_agg(relay.name, ' > ' order by r.position)
                from statements s
                join actors speaker on speaker.id = s.speaker_id
                join statement_relays r on r.statement_id = s.id
                join actors relay on relay.id = r.actor_id
                where speaker.name = 'Dmitry Peskov' and s.kind = 'DIRECT_QUOTE'""").query(String.class).single();
        assertThat(chain).isEqualTo("Reuters > Interfax");
    }

    @Test
    void actorsHaveAliasesAffiliationsAndAnUnnamedSource() {
        assertThat(jdbc.sql("""
                select a.name from actor_aliases al join actors a on a.id = al.actor_id
                where al.alias_key = newsgraph_name_key('ZELENSKY')""").query(String.class).list()).containsExactly("Volodymyr Zelensky");
        assertThat(jdbc.sql("""
                select f.title from affiliations f join actors a on a.id = f.actor_id where a.name = 'Marco Rubio'""").query(String.class).list()).anyMatch(title -> title.contains("Secretary of State"));
        assertThat(jdbc.sql("select count(*) from actors where kind = 'UNNAMED_SOURCE'")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from statements").query(Long.class).single())
                .isGreaterThanOrEqualTo(20);
        assertThat(jdbc.sql("select count(*) from events where parent_id is not null")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void loadingTheDemoDatasetAgain_changesNothing() throws Exception {
        var before = TableSnapshot.of(jdbc);
        var document = reader.read(new ClassPathResource("db/demo/ukraine-peace-talks-2025-04-22.json")
                .getContentAsString(StandardCharsets.UTF_8));
        var result = ingest.ingest(document);
        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
        assertThat(result.actors()).allMatch(a -> a.match() == IngestResult.Match.MATCHED);
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(before);
    }
}
