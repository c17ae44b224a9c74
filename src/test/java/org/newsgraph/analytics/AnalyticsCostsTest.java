package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The work-based costs of analytics fields, from their arguments and the tables' row counts (unit test). */
class AnalyticsCostsTest {

    /** Row counts of the default benchmark corpus (seed 42, scale 1.0), rounded. */
    private final AnalyticsCosts.RowCounts corpus = new AnalyticsCosts.RowCounts(null) {
        @Override
        long of(String table) {
            return Map.of(
                            "statements", 500_000L,
                            "statement_events", 310_000L,
                            "analytics_speaker_months", 126_000L,
                            "analytics_speaker_days", 400_000L,
                            "events", 20_000L,
                            "event_participants", 64_000L,
                            "articles", 50_000L,
                            "analytics_event_speakers", 190_000L,
                            "analytics_actor_links", 40_000L)
                    .getOrDefault(table, 0L);
        }
    };

    private final AnalyticsCosts costs = new AnalyticsCosts();

    @Test
    void statementStats_costTheRowsTheyGroup_timesTheirKeys_rollupsCheaperThanBaseTables() {
        var stats = costs.statementStatsCost(corpus);

        long bySpeakerAndMonth = stats.cost(Map.of("groupBy", List.of("SPEAKER", "MONTH")));
        long bySpeakerAndKind = stats.cost(Map.of("groupBy", List.of("SPEAKER", "KIND")));
        long byEventAndKind = stats.cost(Map.of("groupBy", List.of("EVENT", "KIND")));
        long filtered = stats.cost(Map.of("groupBy", List.of("SPEAKER", "MONTH"), "filter", Map.of("kind", "REFUSAL")));

        assertThat(bySpeakerAndMonth).isEqualTo(126 * 2); // the speaker x month rollup
        assertThat(bySpeakerAndKind).isEqualTo(500 * 2); // every statement
        assertThat(byEventAndKind).isEqualTo((500 + 310) * 2); // and every link to an event
        assertThat(filtered).isEqualTo(500 * 2); // a filter needs the statements themselves
        assertThat(stats.cost(Map.of("groupBy", "SPEAKER"))).isEqualTo(126);
    }

    @Test
    void timelines_costTheirPoints_andAFilteredOneItsStatements() {
        var timeline = costs.actorTimelineCost(corpus);

        assertThat(timeline.cost(Map.of("bucket", "DAY"))).isEqualTo(3660);
        assertThat(timeline.cost(Map.of("bucket", "YEAR"))).isEqualTo(10);
        assertThat(timeline.cost(Map.of("bucket", "MONTH", "filter", Map.of("kind", "REFUSAL"))))
                .isEqualTo(120 + 500);
        assertThat(costs.eventTimelineCost().cost(Map.of("bucket", "WEEK"))).isEqualTo(522);
    }

    @Test
    void network_costsTheLinksOfTheKindsAsked_andPathsTheirDepth() {
        var network = costs.networkCost(corpus);

        assertThat(network.cost(Map.of())).isEqualTo(64 + 190 + 40 + 40);
        assertThat(network.cost(Map.of("via", List.of("RELAYED")))).isEqualTo(40);
        assertThat(network.cost(Map.of("via", List.of("QUOTED_ON_SAME_EVENT", "QUOTED_ON_SAME_EVENT"))))
                .isEqualTo(190);
        assertThat(costs.actorPathsCost(corpus).cost(Map.of("maxDepth", 1))).isEqualTo(64 + 190);
        assertThat(costs.actorPathsCost(corpus).cost(Map.of())).isEqualTo((64 + 190) * 3);
    }

    @Test
    void withoutRowCounts_everyAggregateStillCostsAtLeastOne() {
        var empty = new AnalyticsCosts.RowCounts(null) {
            @Override
            long of(String table) {
                return 0;
            }
        };
        assertThat(costs.statementStatsCost(empty).cost(Map.of("groupBy", List.of("KIND"))))
                .isEqualTo(1);
        assertThat(costs.networkCost(empty).cost(Map.of())).isEqualTo(1);
    }
}
