package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;

/** {@code Actor.timeline}, {@code Event.timeline}, {@code Event.coverage}, {@code Actor.network} and {@code actorPaths} over HTTP. */
@IntegrationTest
class TimelineAndNetworkHttpTest extends DemoDataHttpTest {

    private long actorId(String name) {
        return jdbc.sql("select id from actors where name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    private long eventId(String externalKeyOrTitle) {
        return jdbc.sql("select id from events where title like ? order by id limit 1")
                .param(externalKeyOrTitle)
                .query(Long.class)
                .single();
    }

    @Test
    void actorTimeline_placesWeekDatedStatementsInTheirWeek_neverOnADay() {
        long rubio = actorId("Marco Rubio");
        for (String bucket : List.of("DAY", "WEEK", "MONTH", "YEAR")) {
            // language=GraphQL
            var response = graphQl.document("""
                    query($id: ID!, $bucket: DateBucket!) { actor(id: $id) { timeline(bucket: $bucket) {
                        bucket undatedStatements undatedArticles
                        points { period { start end precision } statements articles } } } }""")
                    .variable("id", GlobalId.encode("Actor", rubio))
                    .variable("bucket", bucket)
                    .execute();
            var expected = new HashMap<String, Long>();
            jdbc.sql("select said_on, said_on_precision from statements where speaker_id = ? and said_on is not null")
                    .param(rubio)
                    .query(rs -> {
                        expected.merge(
                                StatsHttpTest.expectedPeriod(
                                        rs.getObject("said_on", LocalDate.class),
                                        rs.getString("said_on_precision"),
                                        bucket),
                                1L,
                                Long::sum);
                    });
            var points =
                    response.path("actor.timeline.points").entityList(Map.class).get();
            var actual = new HashMap<String, Long>();
            for (var point : points) {
                @SuppressWarnings("unchecked")
                var period = (Map<String, Object>) point.get("period");
                long statements = ((Number) point.get("statements")).longValue();
                if (statements > 0) {
                    actual.put(StatsHttpTest.key(period), statements);
                }
            }
            assertThat(actual).as(bucket).isEqualTo(expected);
            response.path("actor.timeline.undatedStatements")
                    .entity(Long.class)
                    .isEqualTo(jdbc.sql("select count(*) from statements where speaker_id = ? and said_on is null")
                            .param(rubio)
                            .query(Long.class)
                            .single());
            // One article quotes Rubio: it counts once, on its publication day's bucket.
            long articles = points.stream()
                    .mapToLong(p -> ((Number) p.get("articles")).longValue())
                    .sum();
            assertThat(articles).isEqualTo(1);
            var starts = points.stream()
                    .map(p -> (String) ((Map<?, ?>) p.get("period")).get("start"))
                    .toList();
            assertThat(starts).isSorted();
        }
        // Rubio's statements are dated to weeks only: a DAY timeline shows no DAY point with statements.
        assertThat(jdbc.sql("select count(*) from statements where speaker_id = ? and said_on_precision = 'WEEK'")
                        .param(rubio)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void actorTimeline_withFilter_countsOnlyTheFilteredStatements() {
        long zelensky = actorId("Volodymyr Zelensky");
        long event = jdbc.sql("select se.event_id from statement_events se join statements s on s.id = se.statement_id"
                        + " where s.speaker_id = ? group by 1 order by count(*) desc, 1 limit 1")
                .param(zelensky)
                .query(Long.class)
                .single();
        // language=GraphQL
        var response = graphQl.document("""
                query($id: ID!, $event: ID!) { actor(id: $id) {
                    all: timeline(bucket: DAY) { points { statements } undatedStatements }
                    some: timeline(bucket: DAY, filter: {event: $event}) { points { statements articles } } } }""")
                .variable("id", GlobalId.encode("Actor", zelensky))
                .variable("event", GlobalId.encode("Event", event))
                .execute();
        long some = response.path("actor.some.points[*].statements").entityList(Long.class).get().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(some)
                .isEqualTo(
                        jdbc.sql("select count(*) from statements s join statement_events se on se.statement_id = s.id"
                                        + " where s.speaker_id = ? and se.event_id = ?")
                                .params(zelensky, event)
                                .query(Long.class)
                                .single());
        long all = response.path("actor.all.points[*].statements").entityList(Long.class).get().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(all).isGreaterThan(some);
    }

    @Test
    void eventTimelineAndCoverage_countTheEventsStatementsAndOutlets() {
        long london = eventId("%London%");
        // language=GraphQL
        var response = graphQl.document("""
                query($id: ID!) { event(id: $id) {
                    timeline(bucket: MONTH) { points { period { start precision } statements articles } undatedStatements }
                    coverage { publisher { name } articles statements firstPublishedAt lastPublishedAt } } }""")
                .variable("id", GlobalId.encode("Event", london))
                .execute();
        long statements = jdbc.sql("select count(*) from statement_events where event_id = ?")
                .param(london)
                .query(Long.class)
                .single();
        long timelineStatements =
                response.path("event.timeline.points[*].statements").entityList(Long.class).get().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        + response.path("event.timeline.undatedStatements")
                                .entity(Long.class)
                                .get();
        assertThat(timelineStatements).isEqualTo(statements);
        var coverage = response.path("event.coverage").entityList(Map.class).get();
        assertThat(coverage).hasSize(1);
        assertThat(((Map<?, ?>) coverage.get(0).get("publisher")).get("name"))
                .isEqualTo(jdbc.sql("select a.name from articles r join actors a on a.id = r.publisher_id")
                        .query(String.class)
                        .single());
        assertThat(((Number) coverage.get(0).get("statements")).longValue()).isEqualTo(statements);
        assertThat(((Number) coverage.get(0).get("articles")).longValue())
                .isEqualTo(jdbc.sql("select count(*) from article_events where event_id = ?")
                        .param(london)
                        .query(Long.class)
                        .single());
        assertThat(coverage.get(0).get("firstPublishedAt")).isEqualTo("2025-04-22T18:00:00Z");
    }

    @Test
    void network_ranksLinksByWeight_withTheirEvidence() {
        long rubio = actorId("Marco Rubio");
        // language=GraphQL
        var edges = graphQl.document("""
                query($id: ID!) { actor(id: $id) { network(via: [CO_PARTICIPANT, MENTIONED], first: 50) {
                    weight links { via weight } actor { id name }
                    events(first: 50) { id participants { actor { id } } }
                    statements(first: 50) { speaker { id } mentions { id } } } } }""")
                .variable("id", GlobalId.encode("Actor", rubio))
                .execute()
                .path("actor.network")
                .entityList(Map.class)
                .get();
        String rubioId = GlobalId.encode("Actor", rubio);
        var expected = new HashMap<Long, Long>();
        jdbc.sql("select ep2.actor_id, count(distinct ep1.event_id) from event_participants ep1"
                        + " join event_participants ep2 on ep2.event_id = ep1.event_id"
                        + " where ep1.actor_id = ? and ep2.actor_id <> ? group by 1")
                .params(rubio, rubio)
                .query(rs -> {
                    expected.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                });
        jdbc.sql("select other, count(*) from (select m.actor_id as other from statements s join statement_mentions m"
                        + " on m.statement_id = s.id where s.speaker_id = ? and m.actor_id <> ?"
                        + " union all select s.speaker_id from statements s join statement_mentions m"
                        + " on m.statement_id = s.id where m.actor_id = ? and s.speaker_id <> ?) x group by 1")
                .params(rubio, rubio, rubio, rubio)
                .query(rs -> {
                    expected.merge(rs.getLong(1), rs.getLong(2), Long::sum);
                });
        var actual = new HashMap<Long, Long>();
        for (var edge : edges) {
            var actor = (Map<?, ?>) edge.get("actor");
            String otherId = (String) actor.get("id");
            actual.put(GlobalId.decode(otherId, "Actor"), ((Number) edge.get("weight")).longValue());
            long linkSum = ((List<?>) edge.get("links"))
                    .stream()
                            .mapToLong(l -> ((Number) ((Map<?, ?>) l).get("weight")).longValue())
                            .sum();
            assertThat(linkSum).isEqualTo(((Number) edge.get("weight")).longValue());
            // Every evidence event has both as participants; every statement is by one and mentions the other.
            for (var event : (List<?>) edge.get("events")) {
                List<Object> participants = ((List<?>) ((Map<?, ?>) event).get("participants"))
                        .stream()
                                .map(p -> (Object) ((Map<?, ?>) ((Map<?, ?>) p).get("actor")).get("id"))
                                .toList();
                assertThat(participants).contains(rubioId, otherId);
            }
            for (var statement : (List<?>) edge.get("statements")) {
                var s = (Map<?, ?>) statement;
                var speaker = ((Map<?, ?>) s.get("speaker")).get("id");
                List<Object> mentions = ((List<?>) s.get("mentions"))
                        .stream().map(m -> (Object) ((Map<?, ?>) m).get("id")).toList();
                assertThat(Set.of(rubioId, otherId)).contains((String) speaker);
                assertThat(mentions).contains(speaker.equals(rubioId) ? otherId : rubioId);
            }
        }
        assertThat(actual).isEqualTo(expected);
        var weights =
                edges.stream().map(e -> ((Number) e.get("weight")).longValue()).toList();
        assertThat(weights).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void networkOfManyActors_quotedOnSameEvent_isConsistentBothWays() {
        // language=GraphQL
        var actors = graphQl.document("""
                { actors(first: 40) { edges { node { id network(via: [QUOTED_ON_SAME_EVENT, RELAYED], first: 50) {
                    weight actor { id } } } } } }""")
                .execute()
                .path("actors.edges[*].node")
                .entityList(Map.class)
                .get();
        var weights = new HashMap<String, Long>();
        for (var node : actors) {
            for (var edge : (List<?>) node.get("network")) {
                var e = (Map<?, ?>) edge;
                weights.put(
                        node.get("id") + ">" + ((Map<?, ?>) e.get("actor")).get("id"),
                        ((Number) e.get("weight")).longValue());
            }
        }
        assertThat(weights).isNotEmpty();
        // A link counted from one side has the same weight from the other.
        weights.forEach((pair, weight) -> {
            String[] ends = pair.split(">");
            assertThat(weights.get(ends[1] + ">" + ends[0])).as(pair).isEqualTo(weight);
        });
    }

    @Test
    void actorPaths_areShortest_andEachStepLinksItsActors() {
        long bruce = actorId("Tammy Bruce");
        long putin = actorId("Vladimir Putin");
        // language=GraphQL
        var paths = graphQl.document("""
                query($from: ID!, $to: ID!) { actorPaths(from: $from, to: $to, first: 5) {
                    actors { id name }
                    steps { via event { participants { actor { id } } statements(first: 100) { edges { node { speaker { id } } } } }
                            statement { speaker { id } mentions { id } relayedVia { id } } } } }""")
                .variable("from", GlobalId.encode("Actor", bruce))
                .variable("to", GlobalId.encode("Actor", putin))
                .execute()
                .path("actorPaths")
                .entityList(Map.class)
                .get();
        assertThat(paths).isNotEmpty();
        int length = ((List<?>) paths.get(0).get("steps")).size();
        assertThat(length).isBetween(2, 3); // they share no event and neither mentions the other
        for (var path : paths) {
            var actors = ((List<?>) path.get("actors"))
                    .stream().map(a -> (String) ((Map<?, ?>) a).get("id")).toList();
            var steps = (List<?>) path.get("steps");
            assertThat(steps).hasSize(length);
            assertThat(actors).hasSize(length + 1);
            assertThat(actors.get(0)).isEqualTo(GlobalId.encode("Actor", bruce));
            assertThat(actors.get(length)).isEqualTo(GlobalId.encode("Actor", putin));
            for (int i = 0; i < steps.size(); i++) {
                var step = (Map<?, ?>) steps.get(i);
                var ends = Set.of(actors.get(i), actors.get(i + 1));
                var linked = new java.util.HashSet<Object>();
                if (step.get("event") instanceof Map<?, ?> event) {
                    ((List<?>) event.get("participants"))
                            .forEach(p -> linked.add(((Map<?, ?>) ((Map<?, ?>) p).get("actor")).get("id")));
                    ((List<?>) ((Map<?, ?>) event.get("statements")).get("edges"))
                            .forEach(e ->
                                    linked.add(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) e).get("node")).get("speaker"))
                                            .get("id")));
                } else {
                    var statement = (Map<?, ?>) step.get("statement");
                    linked.add(((Map<?, ?>) statement.get("speaker")).get("id"));
                    ((List<?>) statement.get("mentions")).forEach(m -> linked.add(((Map<?, ?>) m).get("id")));
                    ((List<?>) statement.get("relayedVia")).forEach(m -> linked.add(((Map<?, ?>) m).get("id")));
                }
                assertThat(linked).as("step %d of %s", i, actors).containsAll(ends);
            }
        }
        // language=GraphQL
        graphQl.document("""
                query($from: ID!, $to: ID!) { actorPaths(from: $from, to: $to, maxDepth: 1) { actors { id } } }""")
                .variable("from", GlobalId.encode("Actor", bruce))
                .variable("to", GlobalId.encode("Actor", putin))
                .execute()
                .path("actorPaths")
                .entityList(Map.class)
                .hasSize(0);
    }
}
