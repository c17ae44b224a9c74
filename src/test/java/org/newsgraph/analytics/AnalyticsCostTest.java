package org.newsgraph.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;
import org.springframework.graphql.ResponseError;

/**
 * Analytics fields count in the query cost limit by the work they do (over HTTP): a timeline by the points
 * its bucket makes, whether the bucket is written in the query or given as a variable.
 */
@IntegrationTest
class AnalyticsCostTest extends DemoDataHttpTest {

    // language=GraphQL
    private static final String TIMELINES = """
            query($bucket: DateBucket!) {
              actors(first: 50) { edges { node { name timeline(bucket: $bucket) { points { statements } } } } }
            }""";

    private List<ResponseError> errors(String document, String bucket) {
        var errors = new ArrayList<ResponseError>();
        graphQl.document(document).variable("bucket", bucket).execute().errors().satisfy(errors::addAll);
        return errors;
    }

    @Test
    void dailyTimelinesOfFiftyActors_areRefusedAsTooComplex_beforeAnythingRuns() {
        var errors = errors(TIMELINES, "DAY");

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
        // 50 actors x 3,660 points of a decade's days: far beyond what 50 lists of 10 would cost
        assertThat(((Number) errors.get(0).getExtensions().get("actual")).longValue())
                .isGreaterThan(50 * 3660L);
    }

    @Test
    void yearlyTimelinesOfFiftyActors_pass_andAnswer() {
        assertThat(errors(TIMELINES, "YEAR")).isEmpty();
        assertThat(errors(TIMELINES, "MONTH")).isEmpty();
        graphQl.document(TIMELINES)
                .variable("bucket", "YEAR")
                .execute()
                .path("actors.edges[*].node.timeline")
                .entityList(Map.class)
                .hasSizeGreaterThan(10);
    }

    @Test
    void aDailyTimelineWrittenInTheQuery_costsItsPointsToo() {
        // language=GraphQL
        String literal = """
                query { actors(first: 50) { edges { node { timeline(bucket: DAY) { undatedStatements } } } } }""";
        var errors = new ArrayList<ResponseError>();
        graphQl.document(literal).execute().errors().satisfy(errors::addAll);

        assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX"));
    }
}
