package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;
import org.springframework.graphql.ResponseError;

/** {@code statementStats}, {@code eventStats} and {@code articleStats} over HTTP on the demo data. */
@IntegrationTest
class StatsHttpTest extends DemoDataHttpTest {

    /** The bucket rule, written again here as the oracle: a period counts in a bucket only when it fits. */
    static String expectedPeriod(LocalDate date, String precision, String bucket) {
        if (date == null) {
            return "undated";
        }
        LocalDate last = switch (precision) {
            case "WEEK" -> date.plusDays(6);
            case "MONTH" -> date.plusMonths(1).minusDays(1);
            case "YEAR" -> date.plusYears(1).minusDays(1);
            default -> date;
        };
        LocalDate start = bucketStart(date, bucket);
        return start.equals(bucketStart(last, bucket)) ? start + "/" + bucket : date + "/" + precision;
    }

    static LocalDate bucketStart(LocalDate date, String bucket) {
        return switch (bucket) {
            case "WEEK" -> date.with(DayOfWeek.MONDAY);
            case "MONTH" -> date.withDayOfMonth(1);
            case "YEAR" -> date.withDayOfYear(1);
            default -> date;
        };
    }

    static String key(Map<String, Object> period) {
        return period == null ? "undated" : period.get("start") + "/" + period.get("precision");
    }

    private Map<String, Long> expectedStatementPeriods(String bucket) {
        var expected = new HashMap<String, Long>();
        jdbc.sql("select said_on, said_on_precision from statements").query(rs -> {
            expected.merge(
                    expectedPeriod(rs.getObject("said_on", LocalDate.class), rs.getString("said_on_precision"), bucket),
                    1L,
                    Long::sum);
        });
        return expected;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> periodsOf(List<Map<String, Object>> nodes) {
        var result = new HashMap<String, Long>();
        nodes.forEach(node -> result.merge(
                key((Map<String, Object>) node.get("period")), ((Number) node.get("count")).longValue(), Long::sum));
        return result;
    }

    @Test
    void statementStatsBySpeaker_countsEveryStatementOnce_largestGroupFirst() {
        // language=GraphQL
        var response = graphQl.document("""
                { statementStats(groupBy: [SPEAKER], first: 100) {
                    totalCount edges { node { count speaker { id name } } } } }""").execute();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes =
                (List<Map<String, Object>>) (List<?>) response.path("statementStats.edges[*].node")
                        .entityList(Map.class)
                        .get();
        long total =
                jdbc.sql("select count(*) from statements").query(Long.class).single();
        long speakers = jdbc.sql("select count(distinct speaker_id) from statements")
                .query(Long.class)
                .single();
        response.path("statementStats.totalCount").entity(Long.class).isEqualTo(speakers);
        assertThat(nodes).hasSize((int) speakers);
        assertThat(nodes.stream()
                        .mapToLong(n -> ((Number) n.get("count")).longValue())
                        .sum())
                .isEqualTo(total);
        var counts =
                nodes.stream().map(n -> ((Number) n.get("count")).longValue()).toList();
        assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        for (var node : nodes) {
            @SuppressWarnings("unchecked")
            var speaker = (Map<String, Object>) node.get("speaker");
            long id = GlobalId.decode((String) speaker.get("id"), "Actor");
            assertThat(((Number) node.get("count")).longValue())
                    .as((String) speaker.get("name"))
                    .isEqualTo(jdbc.sql("select count(*) from statements where speaker_id = ?")
                            .param(id)
                            .query(Long.class)
                            .single());
        }
    }

    @Test
    void statementStatsByDay_keepsWeekDatedStatementsInTheirWeek_andUndatedApart() {
        for (String bucket : List.of("DAY", "WEEK", "MONTH", "YEAR")) {
            // language=GraphQL
            var nodes = graphQl.document("""
                    query($by: [StatementGrouping!]!) { statementStats(groupBy: $by, first: 100) {
                        edges { node { count period { start end precision } } } } }""")
                    .variable("by", List.of(bucket))
                    .execute()
                    .path("statementStats.edges[*].node")
                    .entityList(Map.class)
                    .get();
            @SuppressWarnings("unchecked")
            var actual = periodsOf((List<Map<String, Object>>) (List<?>) nodes);
            assertThat(actual).as(bucket).isEqualTo(expectedStatementPeriods(bucket));
        }
        // The demo data has WEEK-dated statements: in a DAY grouping they are WEEK periods, from a Monday.
        assertThat(expectedStatementPeriods("DAY").keySet()).anyMatch(k -> k.endsWith("/WEEK"));
    }

    @Test
    void statementStatsBySpeakerAndMonth_groupStatementsAreTheGroupsOwn() {
        // language=GraphQL
        var nodes = graphQl.document("""
                { statementStats(groupBy: [SPEAKER, MONTH], first: 100) { edges { node {
                    count speaker { id } period { start precision }
                    statements(first: 100) { totalCount edges { node { speaker { id } saidOn saidOnPrecision } } } } } } }""")
                .execute()
                .path("statementStats.edges[*].node")
                .entityList(Map.class)
                .get();
        assertThat(nodes).isNotEmpty();
        long total = 0;
        for (var node : nodes) {
            var statements = (Map<?, ?>) node.get("statements");
            long count = ((Number) node.get("count")).longValue();
            total += count;
            assertThat(((Number) statements.get("totalCount")).longValue()).isEqualTo(count);
            var edges = (List<?>) statements.get("edges");
            assertThat(edges).hasSize((int) count);
            var speakerId = ((Map<?, ?>) node.get("speaker")).get("id");
            var period = (Map<?, ?>) node.get("period");
            for (var edge : edges) {
                var statement = (Map<?, ?>) ((Map<?, ?>) edge).get("node");
                assertThat(((Map<?, ?>) statement.get("speaker")).get("id")).isEqualTo(speakerId);
                String saidOn = (String) statement.get("saidOn");
                String expected = expectedPeriod(
                        saidOn == null ? null : LocalDate.parse(saidOn),
                        (String) statement.get("saidOnPrecision"),
                        "MONTH");
                assertThat(expected)
                        .isEqualTo(period == null ? "undated" : period.get("start") + "/" + period.get("precision"));
            }
        }
        assertThat(total)
                .isEqualTo(jdbc.sql("select count(*) from statements")
                        .query(Long.class)
                        .single());
    }

    @Test
    void statementStatsByEventKindAndPublisher_matchTheLinks() {
        // language=GraphQL
        var events = graphQl.document("""
                { statementStats(groupBy: [EVENT], first: 100) { edges { node { count event { id title } } } } }""")
                .execute()
                .path("statementStats.edges[*].node")
                .entityList(Map.class)
                .get();
        for (var node : events) {
            var event = (Map<?, ?>) node.get("event");
            long expected = event == null
                    ? jdbc.sql("select count(*) from statements s where not exists"
                                    + " (select 1 from statement_events se where se.statement_id = s.id)")
                            .query(Long.class)
                            .single()
                    : jdbc.sql("select count(*) from statement_events where event_id = ?")
                            .param(GlobalId.decode((String) event.get("id"), "Event"))
                            .query(Long.class)
                            .single();
            assertThat(((Number) node.get("count")).longValue()).isEqualTo(expected);
        }
        long links = jdbc.sql("select count(*) from statement_events")
                .query(Long.class)
                .single();
        assertThat(events.stream()
                        .filter(n -> n.get("event") != null)
                        .mapToLong(n -> ((Number) n.get("count")).longValue())
                        .sum())
                .isEqualTo(links);

        // language=GraphQL
        var byKindAndPublisher = graphQl.document("""
                { statementStats(groupBy: [KIND, PUBLISHER], filter: {kind: DIRECT_QUOTE}) {
                    edges { node { count kind publisher { name } } } } }""")
                .execute()
                .path("statementStats.edges[*].node")
                .entityList(Map.class)
                .get();
        assertThat(byKindAndPublisher).hasSize(1);
        assertThat(byKindAndPublisher.get(0).get("kind")).isEqualTo("DIRECT_QUOTE");
        assertThat(((Number) byKindAndPublisher.get(0).get("count")).longValue())
                .isEqualTo(jdbc.sql("select count(*) from statements where kind = 'DIRECT_QUOTE'")
                        .query(Long.class)
                        .single());
        assertThat(((Map<?, ?>) byKindAndPublisher.get(0).get("publisher")).get("name"))
                .isEqualTo(jdbc.sql("select a.name from articles r join actors a on a.id = r.publisher_id")
                        .query(String.class)
                        .single());
    }

    @Test
    void statementStatsPages_neverRepeatOrSkipGroups() {
        // language=GraphQL
        String document = """
                query($after: String) { statementStats(groupBy: [SPEAKER, DAY], first: 3, after: $after) {
                    edges { cursor node { count speaker { id } period { start precision } } }
                    pageInfo { hasNextPage endCursor } } }""";
        var all = graphQl.document(document.replace("first: 3", "first: 100"))
                .execute()
                .path("statementStats.edges[*].node")
                .entityList(Map.class)
                .get();
        var paged = new ArrayList<Map>();
        String after = null;
        for (int i = 0; i < 50; i++) {
            var response = graphQl.document(document).variable("after", after).execute();
            paged.addAll(response.path("statementStats.edges[*].node")
                    .entityList(Map.class)
                    .get());
            if (!response.path("statementStats.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get()) {
                break;
            }
            after = response.path("statementStats.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        assertThat(all.size()).isGreaterThan(3);
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void badGroupingsAndCursors_giveClearErrors() {
        var errors = new ArrayList<ResponseError>();
        // language=GraphQL
        graphQl.document("{ statementStats(groupBy: [DAY, MONTH]) { totalCount } }")
                .execute()
                .errors()
                .satisfy(errors::addAll);
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_GROUPING"));
        errors.clear();
        // language=GraphQL
        graphQl.document("{ statementStats(groupBy: [SPEAKER], after: \"bm9wZQ\") { totalCount } }")
                .execute()
                .errors()
                .satisfy(errors::addAll);
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_CURSOR"));
    }

    @Test
    void eventStats_byKindParticipantAndYear() {
        // language=GraphQL
        var byParticipant = graphQl.document("""
                { eventStats(groupBy: [PARTICIPANT], first: 100) { totalCount edges { node { count participant { id } } } } }""")
                .execute()
                .path("eventStats.edges[*].node")
                .entityList(Map.class)
                .get();
        for (var node : byParticipant) {
            var participant = (Map<?, ?>) node.get("participant");
            long expected = participant == null
                    ? jdbc.sql("select count(*) from events e where not exists"
                                    + " (select 1 from event_participants p where p.event_id = e.id)")
                            .query(Long.class)
                            .single()
                    : jdbc.sql("select count(distinct event_id) from event_participants where actor_id = ?")
                            .param(GlobalId.decode((String) participant.get("id"), "Actor"))
                            .query(Long.class)
                            .single();
            assertThat(((Number) node.get("count")).longValue()).isEqualTo(expected);
        }
        // language=GraphQL
        var byYear = graphQl.document("""
                { eventStats(groupBy: [YEAR, KIND], first: 100) { edges { node { count kind period { start precision } } } } }""")
                .execute()
                .path("eventStats.edges[*].node")
                .entityList(Map.class)
                .get();
        var expected = new HashMap<String, Long>();
        jdbc.sql("select kind, starts_on, starts_on_precision from events").query(rs -> {
            expected.merge(
                    rs.getString("kind") + " "
                            + expectedPeriod(
                                    rs.getObject("starts_on", LocalDate.class),
                                    rs.getString("starts_on_precision"),
                                    "YEAR"),
                    1L,
                    Long::sum);
        });
        var actual = new HashMap<String, Long>();
        for (var node : byYear) {
            @SuppressWarnings("unchecked")
            var period = (Map<String, Object>) node.get("period");
            actual.merge(node.get("kind") + " " + key(period), ((Number) node.get("count")).longValue(), Long::sum);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void articleStats_byPublisherAndDay() {
        // language=GraphQL
        var nodes = graphQl.document("""
                { articleStats(groupBy: [PUBLISHER, DAY]) { totalCount edges { node { count publisher { name } period { start precision } } } } }""")
                .execute()
                .path("articleStats.edges[*].node")
                .entityList(Map.class)
                .get();
        var expected = jdbc.sql("select a.name, (r.published_at at time zone 'UTC')::date::text as day, count(*) as n"
                        + " from articles r join actors a on a.id = r.publisher_id group by 1, 2")
                .query((rs, n) -> rs.getString("name") + " " + rs.getString("day") + "/DAY " + rs.getLong("n"))
                .list();
        var actual = nodes.stream()
                .map(node -> ((Map<?, ?>) node.get("publisher")).get("name") + " "
                        + ((Map<?, ?>) node.get("period")).get("start") + "/"
                        + ((Map<?, ?>) node.get("period")).get("precision") + " " + node.get("count"))
                .toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }
}
