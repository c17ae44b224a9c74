package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.ingest.ArticleDocumentReader;
import org.newsgraph.ingest.CurationService;
import org.newsgraph.ingest.IngestService;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.support.IsolatedIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rollups stay equal to a rebuild from the base tables through ingest, re-ingest, merges of actors
 * (what the resolver does) and deletes.
 */
@IsolatedIntegrationTest
class RollupMaintenanceTest {

    static final List<String> ROLLUPS = List.of(
            "analytics_speaker_days",
            "analytics_speaker_months",
            "analytics_speaker_articles",
            "analytics_event_speakers",
            "analytics_actor_links",
            "analytics_speaker_article_days",
            "analytics_speaker_article_months");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestService ingest;

    @Autowired
    CurationService curation;

    @Autowired
    ArticleDocumentReader reader;

    @Autowired
    AnalyticsRollups rollups;

    @Autowired
    TimelineRepository timelines;

    /** Every rollup row as text, sorted, per table. */
    private Map<String, List<String>> snapshot() {
        var result = new TreeMap<String, List<String>>();
        for (String table : ROLLUPS) {
            result.put(
                    table,
                    jdbc.sql("select t::text from " + table + " t order by 1")
                            .query(String.class)
                            .list());
        }
        return result;
    }

    private void assertRollupsEqualARebuild(String after) {
        var maintained = snapshot();
        rollups.refresh();
        assertThat(maintained).as("rollups after " + after).isEqualTo(snapshot());
    }

    private long actorId(String name) {
        return jdbc.sql("select id from actors where name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    private static final String DOCUMENT = """
            {"url": "https://example.org/rollups-%s", "title": "Rollups", "publisher": "pub",
             "publishedAt": "2025-05-02T10:00:00Z",
             "actors": [
               {"ref": "pub", "kind": "MEDIA_OUTLET", "name": "Rollup Post"},
               {"ref": "a", "kind": "PERSON", "name": "Rollup Alpha"},
               {"ref": "b", "kind": "PERSON", "name": "Rollup Alpha Duplicate"},
               {"ref": "c", "kind": "PERSON", "name": "Rollup Gamma"},
               {"ref": "agency", "kind": "NEWS_AGENCY", "name": "Rollup Agency"}
             ],
             "events": [{"ref": "e", "kind": "MEETING", "title": "Rollup meeting", "status": "HAPPENED",
                         "startsOn": "2025-04-28", "startsOnPrecision": "WEEK",
                         "participants": [{"actor": "a", "role": "HOST"}, {"actor": "c", "role": "ATTENDEE"}]}],
             "statements": [
               {"speaker": "a", "kind": "PARAPHRASE", "text": "Alpha on the meeting %s.", "events": ["e"],
                "mentions": ["c"], "saidOn": "2025-04-28", "saidOnPrecision": "WEEK", "relayedVia": ["agency"]},
               {"speaker": "b", "kind": "DIRECT_QUOTE", "text": "Duplicate speaks %s.", "events": ["e"],
                "mentions": ["a"], "saidOn": "2025-05-01", "saidOnPrecision": "DAY",
                "relayedVia": ["agency", "pub"]},
               {"speaker": "c", "kind": "PARAPHRASE", "text": "Gamma answers %s.", "events": ["e"]}
             ]}""";

    @Test
    void rollupsFollowIngestReingestMergeAndDelete() {
        assertRollupsEqualARebuild("the demo data");

        var first = ingest.ingest(reader.read(DOCUMENT.formatted("1", "1", "1", "1")));
        ingest.ingest(reader.read(DOCUMENT.formatted("2", "2", "2", "2")));
        assertRollupsEqualARebuild("ingest");
        long alpha = actorId("Rollup Alpha");
        assertThat(jdbc.sql("select sum(statements) from analytics_speaker_days where speaker_id = ?")
                        .param(alpha)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // The same article again, with a statement changed: the ingest updates rows in place.
        ingest.ingest(reader.read(DOCUMENT.formatted("1", "1 (corrected)", "1", "1")));
        assertRollupsEqualARebuild("re-ingest");

        long duplicate = actorId("Rollup Alpha Duplicate");
        curation.mergeActors(alpha, duplicate);
        assertRollupsEqualARebuild("a merge of actors");
        for (String table : ROLLUPS) {
            String column = table.equals("analytics_actor_links") ? "other_id = ? or speaker_id" : "speaker_id";
            assertThat(jdbc.sql("select count(*) from " + table + " where " + column + " = ?")
                            .params(
                                    table.equals("analytics_actor_links")
                                            ? List.of(duplicate, duplicate)
                                            : List.of(duplicate))
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }

        curation.deleteArticle(first.articleId());
        assertRollupsEqualARebuild("a delete");
    }

    /** The statements the day rollup counts. */
    private long statementsCounted() {
        return jdbc.sql("select coalesce(sum(statements), 0) from analytics_speaker_days")
                .query(Long.class)
                .single();
    }

    @Test
    void rollupsAfterBatchImportsEqualARebuild() {
        // New articles of a batch are written set-based and added to the rollups once, at the end of the batch.
        var batch = new java.util.ArrayList<org.newsgraph.ingest.ArticleDocument>();
        for (int i = 0; i < 6; i++) batch.add(reader.read(DOCUMENT.formatted("b" + i, "b" + i, "b" + i, "b" + i)));
        var before = statementsCounted();
        var items = ingest.ingestBatch(batch, false);
        assertThat(items).noneMatch(IngestService.BatchItem::failed);
        assertRollupsEqualARebuild("a batch of new articles");
        assertThat(statementsCounted()).isEqualTo(before + 6 * 3);

        // A URL twice in one batch: the second version updates the article the batch has just inserted.
        var twice = List.of(
                reader.read(DOCUMENT.formatted("t", "t", "t", "t")),
                reader.read(DOCUMENT.formatted("u", "u", "u", "u")),
                reader.read(DOCUMENT.formatted("t", "t (second version)", "t", "t")));
        assertThat(ingest.ingestBatch(twice, false)).noneMatch(IngestService.BatchItem::failed);
        assertRollupsEqualARebuild("a batch with a URL twice");

        // Documents the database rejects: the batch is written again one article at a time under savepoints, each
        // rejected one rolled back alone: a new one, and a second version that counted the batch's new articles
        // before its update failed (the savepoint takes those counts back; the commit adds them again).
        jdbc.sql("alter table statements add constraint rollup_test_refuses check (text <> 'Refused by the database')")
                .update();
        var mixed = List.of(
                reader.read(DOCUMENT.formatted("m1", "m1", "m1", "m1")),
                reader.read(
                        DOCUMENT.formatted("r", "r", "r", "r").replace("Gamma answers r.", "Refused by the database")),
                reader.read(DOCUMENT.formatted("m2", "m2", "m2", "m2")),
                reader.read(DOCUMENT.formatted("m1", "m1", "m1", "m1")
                        .replace("Gamma answers m1.", "Refused by the database")),
                reader.read(DOCUMENT.formatted("m2", "m2 (second version)", "m2", "m2")));
        var mixedItems = ingest.ingestBatch(mixed, false);
        jdbc.sql("alter table statements drop constraint rollup_test_refuses").update();
        assertThat(mixedItems)
                .extracting(IngestService.BatchItem::failed)
                .containsExactly(false, true, false, true, false);
        assertRollupsEqualARebuild("a batch with a rejected document");
    }

    private static final String MONTHLY = """
            {"url": "https://example.org/monthly-%s", "title": "Monthly", "publisher": "pub",
             "publishedAt": "%sT23:30:00Z",
             "actors": [
               {"ref": "pub", "kind": "MEDIA_OUTLET", "name": "Monthly Post"},
               {"ref": "m", "kind": "PERSON", "name": "Monthly Speaker"}
             ],
             "statements": [
               {"speaker": "m", "kind": "PARAPHRASE", "text": "Monthly speaker on %s.", "saidOn": "%s", "saidOnPrecision": "DAY"},
               {"speaker": "m", "kind": "PARAPHRASE", "text": "Monthly speaker again on %s."}
             ]}""";

    /** Articles quoting the speaker per month of publication (UTC), from the base tables. */
    private Map<LocalDate, Long> articlesPerMonthFromTheBaseTables(long speaker) {
        var result = new TreeMap<LocalDate, Long>();
        jdbc.sql("select date_trunc('month', (a.published_at at time zone 'UTC')::date::timestamp)::date as m,"
                        + " count(distinct a.id) as n from statements s join articles a on a.id = s.article_id"
                        + " where s.speaker_id = ? group by 1")
                .param(speaker)
                .query(rs -> {
                    result.put(rs.getObject("m", LocalDate.class), rs.getLong("n"));
                });
        return result;
    }

    private Map<LocalDate, Long> articlesPerMonthOfTheTimeline(long speaker) {
        var result = new TreeMap<LocalDate, Long>();
        var timeline = timelines
                .ofActors(List.of(speaker), DateBucket.MONTH, StatementFilter.criteria(null))
                .get(speaker);
        for (var point : timeline.points()) {
            if (point.articles() > 0) {
                assertThat(point.period().precision()).isEqualTo(DatePrecision.MONTH);
                result.put(point.period().start(), (long) point.articles());
            }
        }
        return result;
    }

    @Test
    void monthTimeline_countsEachArticleInTheMonthOfItsPublication_throughIngestMoveAndDelete() {
        // two articles at the end of April (one late on its last day, UTC), one on the first of May, one in June
        var ids = new java.util.ArrayList<Long>();
        for (String day : List.of("2025-04-03", "2025-04-30", "2025-05-01", "2025-06-15")) {
            ids.add(ingest.ingest(reader.read(MONTHLY.formatted(day, day, day, day, day)))
                    .articleId());
        }
        long speaker = actorId("Monthly Speaker");
        var expected = new TreeMap<LocalDate, Long>(Map.of(
                LocalDate.parse("2025-04-01"), 2L,
                LocalDate.parse("2025-05-01"), 1L,
                LocalDate.parse("2025-06-01"), 1L));
        assertThat(articlesPerMonthFromTheBaseTables(speaker)).isEqualTo(expected);
        assertThat(articlesPerMonthOfTheTimeline(speaker)).isEqualTo(expected);
        assertRollupsEqualARebuild("articles in three months");

        // the June article moves to July, the first April one is deleted
        jdbc.sql("update articles set published_at = published_at + interval '20 days' where id = ?")
                .param(ids.get(3))
                .update();
        curation.deleteArticle(ids.get(0));
        assertThat(articlesPerMonthOfTheTimeline(speaker))
                .isEqualTo(articlesPerMonthFromTheBaseTables(speaker))
                .containsOnlyKeys(
                        LocalDate.parse("2025-04-01"), LocalDate.parse("2025-05-01"), LocalDate.parse("2025-07-01"));
        assertRollupsEqualARebuild("a moved and a deleted article");
    }
}
