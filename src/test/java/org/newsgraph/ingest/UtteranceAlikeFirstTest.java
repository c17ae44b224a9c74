package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.newsgraph.live.ChangeOutbox;
import org.newsgraph.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@code utterance_reports.alike_first} (V100): the utterance pools read only the reports so marked, which must
 * include every report that the pools' own rule keeps of each group of alike reports (the first, and the first of
 * another article), after linking and after every change that can regroup reports. On databases of their own.
 */
@Execution(
        value = ExecutionMode.CONCURRENT,
        reason = "each test writes only databases of its own; they run beside each other and the other classes")
class UtteranceAlikeFirstTest {

    private final ArticleDocumentReader reader = new ArticleDocumentReader();
    private final List<HikariDataSource> open = new ArrayList<>();

    @AfterEach
    void closePools() {
        open.forEach(HikariDataSource::close);
        open.clear();
    }

    private record Database(JdbcClient jdbc, IngestService ingest) {}

    private Database newDatabase() {
        var test = TestDatabase.get();
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(test.createMigratedDatabase("alike"));
        dataSource.setUsername(test.user());
        dataSource.setPassword(test.password());
        dataSource.setMaximumPoolSize(2);
        dataSource.setMinimumIdle(0);
        open.add(dataSource);
        var jdbc = JdbcClient.create(dataSource);
        return new Database(
                jdbc,
                new IngestService(
                        jdbc,
                        new JdbcTemplate(dataSource),
                        new DataSourceTransactionManager(dataSource),
                        new ChangeOutbox(jdbc, true)));
    }

    private static final String QUOTE = "We will not sign anything that gives away our coast.";

    /** An article of this outlet quoting the speaker (the quote {@code times} times), about the harbour talks. */
    private ArticleDocument article(int n, int times, String saidOn, String text) {
        var statements = new ArrayList<String>();
        for (int i = 0; i < times; i++) statements.add("""
                    {"speaker": "speaker", "kind": "DIRECT_QUOTE", "text": "%s", "cue": "said",
                     "saidOn": "%s", "saidOnPrecision": "DAY", "events": ["talks"]}""".formatted(text, saidOn));
        return reader.read("""
                {"url": "https://alike.example/%d", "title": "Harbour talks, report %d", "publisher": "outlet%d",
                 "publishedAt": "2025-06-02T10:00:00Z", "language": "en",
                 "actors": [{"ref": "outlet%d", "kind": "MEDIA_OUTLET", "name": "Alike Outlet %d"},
                            {"ref": "speaker", "kind": "PERSON", "name": "Maren Quellwood"}],
                 "events": [{"ref": "talks", "externalKey": "alike-harbour-talks", "kind": "TALKS",
                             "title": "Harbour talks", "status": "HAPPENED", "startsOn": "2025-06-02",
                             "startsOnPrecision": "DAY"}],
                 "statements": [%s]}""".formatted(n, n, n, n, n, String.join(",", statements)));
    }

    /** statement ID -> alike_first, in article order then statement order. */
    private static Map<Long, Boolean> flags(Database db) {
        return db
                .jdbc
                .sql("select statement_id, alike_first from utterance_reports order by statement_id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getBoolean(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    /**
     * The reports the pools' rule keeps over ALL stored reports (the first of each alike group, and the first of
     * another article than that one's) that are not marked alike_first: must be none.
     */
    private static List<Long> keptButNotMarked(Database db) {
        return db.jdbc.sql("""
                with p as (
                    select r.statement_id as id, r.utterance_id, r.words, r.alike_first, s.speaker_id, s.article_id,
                           s.kind, s.said_on, s.said_on_precision,
                           array(select e.event_id from statement_events e where e.statement_id = s.id) as events
                    from utterance_reports r join statements s on s.id = r.statement_id),
                a as (
                    select p.*, first_value(article_id) over (
                               partition by utterance_id, speaker_id, kind, words, said_on, said_on_precision, events
                               order by id) as first_article
                    from p),
                d as (
                    select a.*, row_number() over (
                               partition by utterance_id, speaker_id, kind, words, said_on, said_on_precision, events,
                                            article_id = first_article
                               order by id) as nth
                    from a)
                select id from d where nth = 1 and not alike_first order by id""").query(Long.class).list();
    }

    @Test
    void ofAQuoteRepeatedByManyOutlets_onlyTheFirstAndTheFirstOfAnotherOutlet_areMarked() {
        var db = newDatabase();
        for (int n = 1; n <= 5; n++) db.ingest.ingest(article(n, 1, "2025-06-02", QUOTE));
        var flags = new ArrayList<>(flags(db).values());
        assertThat(flags).containsExactly(true, true, false, false, false);
        assertThat(db.jdbc
                        .sql("select count(distinct utterance_id) from utterance_reports")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(keptButNotMarked(db)).isEmpty();
    }

    @Test
    void everyChangeThatRegroupsReports_marksTheReportsOfItsWordsAgain() {
        var db = newDatabase();
        for (int n = 1; n <= 6; n++) db.ingest.ingest(article(n, 1, "2025-06-02", QUOTE));
        var ids = new ArrayList<>(flags(db).keySet());
        assertThat(keptButNotMarked(db)).isEmpty();

        // a statement's date corrected: it leaves the group (and the group keeps its first)
        db.jdbc
                .sql("update statements set said_on = '2025-06-03' where id = ?")
                .param(ids.get(3))
                .update();
        assertThat(keptButNotMarked(db)).isEmpty();
        assertThat(flags(db).get(ids.get(3))).isTrue();
        resetMarks(db, ids.get(0), ids.get(1));

        // the first report's article replaced by a version without the quote: its report is gone
        db.ingest.ingest(article(1, 0, "2025-06-02", QUOTE));
        assertThat(flags(db)).doesNotContainKey(ids.get(0));
        assertThat(keptButNotMarked(db)).isEmpty();
        resetMarks(db, ids.get(1), ids.get(2));

        // a report's event link removed: its events differ from the others'
        db.jdbc
                .sql("delete from statement_events where statement_id = ?")
                .param(ids.get(4))
                .update();
        assertThat(keptButNotMarked(db)).isEmpty();
        resetMarks(db, ids.get(1), ids.get(2));

        // a report moved to another utterance (as a curator's split would)
        db.jdbc.sql("insert into utterances (id) values (?)").param(ids.get(2)).update();
        db.jdbc
                .sql("update utterance_reports set utterance_id = ? where statement_id = ?")
                .params(ids.get(2), ids.get(2))
                .update();
        assertThat(keptButNotMarked(db)).isEmpty();
        resetMarks(db, ids.get(1), ids.get(2));

        // the speaker of a report changed (as an actor split or correction would)
        var other = db.jdbc
                .sql("select id from actors where kind = 'MEDIA_OUTLET' order by id limit 1")
                .query(Long.class)
                .single();
        db.jdbc
                .sql("update statements set speaker_id = ? where id = ?")
                .params(other, ids.get(1))
                .update();
        assertThat(keptButNotMarked(db)).isEmpty();
    }

    /**
     * Unmarks every report of the quote but these (as linking would leave a group of them): so that each change
     * after it is seen to mark reports again, not found them marked already.
     */
    private static void resetMarks(Database db, long... keep) {
        db.jdbc
                .sql("update utterance_reports set alike_first = (statement_id = any(?))")
                .param(keep)
                .update();
    }

    @Test
    void linkingWithOnlyTheMarkedReports_linksAsLinkingWithEveryReport() {
        var marked = newDatabase();
        var all = newDatabase();
        var documents = new ArrayList<ArticleDocument>();
        for (int n = 1; n <= 8; n++) {
            // the same words, some a day later, some cut shorter, one article quoting twice
            var text = n % 3 == 0 ? "not sign anything that gives away" : QUOTE;
            documents.add(article(n, n == 4 ? 2 : 1, n % 2 == 0 ? "2025-06-03" : "2025-06-02", text));
        }
        for (var d : documents) {
            marked.ingest.ingest(d);
            all.ingest.ingest(d);
            // as before V100: every report read by the pools
            all.jdbc.sql("update utterance_reports set alike_first = true").update();
        }
        assertThat(flags(marked).containsValue(false)).isTrue();
        var links = "select statement_id, utterance_id, link, score from utterance_reports order by 1";
        var candidates = "select utterance_id, other_utterance_id, score from utterance_candidates order by 1, 2";
        assertThat(marked.jdbc.sql(links).query().listOfRows())
                .isEqualTo(all.jdbc.sql(links).query().listOfRows());
        assertThat(marked.jdbc.sql(candidates).query().listOfRows())
                .isEqualTo(all.jdbc.sql(candidates).query().listOfRows());
    }
}
