package org.newsgraph.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairwise precision and recall of a clustering: every pair of mentions that the truth puts together is a
 * true pair; every pair the system put together (same stored row) is a predicted pair. Precision is the
 * share of predicted pairs that are true, recall the share of true pairs that were predicted. A false merge
 * of two entities with many mentions costs many pairs, which is why it weighs more than a small split.
 */
public record PairwiseScore(long mentions, long truePairs, long predictedPairs, long correctPairs) {

    /** One mention: its real-world identity and the stored identity it resolved to. */
    public record Mention(String truth, String predicted) {}

    public static PairwiseScore of(List<Mention> mentions) {
        var byTruth = new HashMap<String, Long>();
        var byPredicted = new HashMap<String, Long>();
        var byBoth = new HashMap<Mention, Long>();
        for (var m : mentions) {
            byTruth.merge(m.truth(), 1L, Long::sum);
            byPredicted.merge(m.predicted(), 1L, Long::sum);
            byBoth.merge(m, 1L, Long::sum);
        }
        return new PairwiseScore(mentions.size(), pairs(byTruth), pairs(byPredicted), pairs(byBoth));
    }

    private static long pairs(Map<?, Long> counts) {
        long pairs = 0;
        for (long n : counts.values()) pairs += n * (n - 1) / 2;
        return pairs;
    }

    /** 1.0 when nothing was put together (no pair can be wrong). */
    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    /** 1.0 when the truth has no pair. */
    public double recall() {
        return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "precision %.4f recall %.4f (%,d mentions, %,d true pairs, %,d predicted, %,d correct)",
                precision(),
                recall(),
                mentions,
                truePairs,
                predictedPairs,
                correctPairs);
    }
}
