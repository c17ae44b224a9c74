package org.newsgraph.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.error.ErrorCode;

/** The limit analyses kept with a cached document: by operation and variables, bounded, and for a minute. */
class AnalysisMemoTest {

    private static final long MINUTE = 60_000_000_000L;

    private final AnalysisMemo memo = new AnalysisMemo();

    private static QueryAnalysis.Result cost(long cost) {
        return new QueryAnalysis.Result(null, cost, false);
    }

    @Test
    void anAnalysis_isFoundForTheSameOperationAndEqualVariables_only() {
        var tooComplex = new QueryAnalysis.Result(
                new LimitViolation(ErrorCode.QUERY_TOO_COMPLEX, "too complex", 100, 200L), 0, false);
        memo.put(null, Map.of("n", 100), tooComplex, 0);
        memo.put(null, Map.of("n", 1), cost(7), 0);

        assertThat(memo.get(null, new HashMap<>(Map.of("n", 100)), 1)).isSameAs(tooComplex);
        assertThat(memo.get(null, Map.of("n", 1), 1).cost()).isEqualTo(7);
        assertThat(memo.get(null, Map.of("n", 2), 1)).isNull();
        assertThat(memo.get(null, Map.of("n", 1L), 1)).as("another value type").isNull();
        assertThat(memo.get("Other", Map.of("n", 1), 1)).as("another operation").isNull();
        assertThat(memo.get(null, Map.of("n", 1, "unused", true), 1)).isNull();
    }

    @Test
    void noVariables_andEmptyVariables_areTheSameRequest() {
        memo.put("Q", null, cost(3), 0);
        assertThat(memo.get("Q", Map.of(), 1).cost()).isEqualTo(3);
        assertThat(memo.get("Q", null, 1).cost()).isEqualTo(3);
    }

    @Test
    void atMostFourVariableSetsAreKept_theLeastRecentlyUsedGoes() {
        for (int n = 1; n <= 4; n++) memo.put(null, Map.of("n", n), cost(n), 0);
        assertThat(memo.get(null, Map.of("n", 1), 1)).isNotNull(); // 1 is now the most recently used
        memo.put(null, Map.of("n", 5), cost(5), 2);

        assertThat(memo.get(null, Map.of("n", 2), 3)).as("least recently used").isNull();
        for (int n : new int[] {1, 3, 4, 5}) {
            assertThat(memo.get(null, Map.of("n", n), 3).cost()).isEqualTo(n);
        }
    }

    @Test
    void largeVariables_areNotKept() {
        var small = Map.<String, Object>of("ids", List.of("QWN0b3I6MQ", "QWN0b3I6Mg"));
        var large = Map.<String, Object>of("ids", java.util.Collections.nCopies(20, "QWN0b3I6MQ"));
        var longText = Map.<String, Object>of("q", "x".repeat(AnalysisMemo.MAX_VARIABLE_UNITS));
        memo.put(null, small, cost(1), 0);
        memo.put(null, large, cost(2), 0);
        memo.put(null, longText, cost(3), 0);

        assertThat(memo.get(null, small, 1)).isNotNull();
        assertThat(memo.get(null, large, 1)).isNull();
        assertThat(memo.get(null, longText, 1)).isNull();
    }

    @Test
    void anAnalysis_isReusedForAMinute_thenMadeAgain() {
        memo.put(null, Map.of(), cost(1), 0);
        assertThat(memo.get(null, Map.of(), MINUTE)).isNotNull();
        assertThat(memo.get(null, Map.of(), MINUTE + 1)).isNull();
        assertThat(memo.get(null, Map.of(), 1)).as("dropped once expired").isNull();
    }
}
