package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.newsgraph.ingest.ArticleDocumentReader;
import org.newsgraph.ingest.CurationService;
import org.newsgraph.ingest.IngestService;
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
            "analytics_speaker_article_days");

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
}
