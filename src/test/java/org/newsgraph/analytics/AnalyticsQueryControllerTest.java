package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.support.ControllerSlice;
import org.newsgraph.support.SharesNothing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Slice test of {@link AnalyticsQueryController}: the arguments of the grouped counts and of the paths reach the
 * repositories as their records (dimensions deduplicated, the page), and what is wrong with them is refused
 * before any SQL: two date buckets, an actor path from a statement's ID.
 */
@SharesNothing
@GraphQlTest(AnalyticsQueryController.class)
@ControllerSlice
class AnalyticsQueryControllerTest {

    @Autowired
    GraphQlTester graphQl;

    @MockitoBean
    StatsRepository stats;

    @MockitoBean
    PathRepository paths;

    @Test
    void statementStats_passesTheDistinctDimensionsAndThePage_countingOnlyWhenAsked() {
        when(stats.statementGroups(any(), any(), anyBoolean())).thenReturn(Connection.empty());
        graphQl.document("{ statementStats(groupBy: [SPEAKER, MONTH, SPEAKER], first: 7) { edges { cursor } } }")
                .execute()
                .path("statementStats.edges")
                .entityList(Object.class)
                .hasSize(0);
        var spec = ArgumentCaptor.forClass(StatementGroup.Spec.class);
        var page = ArgumentCaptor.forClass(PageRequest.class);
        verify(stats).statementGroups(spec.capture(), page.capture(), eq(false));
        assertThat(spec.getValue().groupBy()).containsExactly(StatementGrouping.SPEAKER, StatementGrouping.MONTH);
        assertThat(page.getValue().size()).isEqualTo(7);
    }

    @Test
    void twoDateBuckets_areInvalidGrouping_beforeAnySql() {
        graphQl.document("{ statementStats(groupBy: [DAY, MONTH]) { totalCount } }")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_GROUPING")));
        verifyNoInteractions(stats);
    }

    @Test
    void actorPaths_fromAStatementsId_isInvalidId_beforeAnySql() {
        graphQl.document("query($from: ID!, $to: ID!) { actorPaths(from: $from, to: $to) { actors { id } } }")
                .variable("from", GlobalId.encode("Statement", 5))
                .variable("to", GlobalId.encode("Actor", 6))
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_ID")));
        verifyNoInteractions(paths);
    }

    @Test
    void actorPaths_defaultToTheMaximumDepthAndFivePaths() {
        when(paths.shortestPaths(1, 2, PathRepository.MAX_DEPTH, 5)).thenReturn(List.of());
        graphQl.document("query($from: ID!, $to: ID!) { actorPaths(from: $from, to: $to) { actors { id } } }")
                .variable("from", GlobalId.encode("Actor", 1))
                .variable("to", GlobalId.encode("Actor", 2))
                .execute()
                .path("actorPaths")
                .entityList(Object.class)
                .hasSize(0);
        verify(paths).shortestPaths(1, 2, PathRepository.MAX_DEPTH, 5);
    }
}
