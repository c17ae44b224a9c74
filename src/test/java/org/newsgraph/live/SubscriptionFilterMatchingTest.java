package org.newsgraph.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementKind;
import org.newsgraph.statement.StatementRepository;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@code statementAdded(filter:)} subscription selects from a batch of new statements exactly what
 * {@code Query.statements(filter:)} lists: every filter field, co-speakers and date overlap included. The
 * demo data's statements stand for one batch.
 */
@IntegrationTest
class SubscriptionFilterMatchingTest extends DemoDataHttpTest {

    @Autowired
    ChangeMatcher matcher;

    @Autowired
    StatementRepository statements;

    private String actor(String name) {
        return GlobalId.encode(
                "Actor",
                jdbc.sql("select id from actors where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single());
    }

    private List<Long> listed(Map<String, Object> filter) {
        return graphQl
                .document("""
                        query($filter: StatementFilter) { statements(filter: $filter, first: 100) { edges { node { id } } } }""")
                .variable("filter", filter)
                .execute()
                .path("statements.edges[*].node.id")
                .entityList(String.class)
                .get()
                .stream()
                .map(id -> GlobalId.decode(id).id())
                .toList();
    }

    private List<Long> selected(Map<String, Object> filter) {
        var ids = jdbc.sql("select id from statements").query(Long.class).list();
        List<Statement> rows = statements.findByIds(ids).values().stream().toList();
        var criteria = StatementFilter.criteria(new StatementFilter(
                (String) filter.get("speaker"),
                null,
                null,
                filter.containsKey("kind") ? StatementKind.valueOf((String) filter.get("kind")) : null,
                filter.containsKey("saidFrom") ? LocalDate.parse((String) filter.get("saidFrom")) : null,
                filter.containsKey("saidTo") ? LocalDate.parse((String) filter.get("saidTo")) : null,
                null,
                (String) filter.get("speakerName"),
                (String) filter.get("relayedBy"),
                (String) filter.get("mentions"),
                (String) filter.get("cue"),
                (String) filter.get("channel"),
                (String) filter.get("addressee")));
        return matcher.statementsOf(criteria, rows, statements.furtherSpeakersOf(ids)).stream()
                .toList();
    }

    @Test
    void everyFilterField_selectsFromABatchWhatTheListShows() {
        var filters = List.<Map<String, Object>>of(
                Map.of("speakerName", "Rubio"),
                Map.of("speaker", actor("United States Department of State")),
                Map.of("relayedBy", actor("Interfax")),
                Map.of("mentions", actor("Steve Witkoff")),
                Map.of("cue", "confirmed"),
                Map.of("channel", "post on x"),
                Map.of("addressee", actor("CNN")),
                Map.of("saidFrom", "2025-04-24"),
                Map.of("saidTo", "2025-04-21"),
                Map.of("kind", "REFUSAL"));
        for (var filter : filters) {
            var listed = listed(filter);
            assertThat(listed).as("%s lists something", filter).isNotEmpty();
            assertThat(selected(filter)).as("%s", filter).containsExactlyInAnyOrderElementsOf(listed);
        }
    }
}
