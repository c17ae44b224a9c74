package org.newsgraph.resolution;

import java.util.ArrayList;
import java.util.List;

/**
 * The score of one pair (a mention in a document, a stored actor or event): the sum of one log-weight per
 * feature that applied, Fellegi-Sunter style (positive: agreement more likely among true matches, negative:
 * among non-matches). A veto (different Wikidata IDs, a person against an organization, two different days)
 * makes the total negative infinity: such a pair is never merged, whatever else agrees.
 */
public record Score(double total, List<Feature> features) {

    /** One feature of a pair: what was compared, its weight, and what it found (shown to curators). */
    public record Feature(String name, double weight, String detail) {}

    public boolean vetoed() {
        return total == Double.NEGATIVE_INFINITY;
    }

    /** The decision for this score between the two thresholds. */
    public Outcome outcome(Thresholds.Pair thresholds) {
        if (total >= thresholds.merge()) return Outcome.MERGE;
        if (total >= thresholds.candidate()) return Outcome.CANDIDATE;
        return Outcome.DISTINCT;
    }

    public enum Outcome {
        MERGE,
        CANDIDATE,
        DISTINCT
    }

    /** Collects features; a veto sticks. */
    static final class Builder {
        private final List<Feature> features = new ArrayList<>();
        private double total;
        private boolean vetoed;

        Builder add(String name, double weight, String detail) {
            features.add(new Feature(name, weight, detail));
            total += weight;
            return this;
        }

        Builder veto(String name, String detail) {
            features.add(new Feature(name, Double.NEGATIVE_INFINITY, detail));
            vetoed = true;
            return this;
        }

        boolean vetoed() {
            return vetoed;
        }

        double total() {
            return vetoed ? Double.NEGATIVE_INFINITY : total;
        }

        Score build() {
            return new Score(total(), List.copyOf(features));
        }
    }

    /**
     * {@code String.format(Locale.ROOT, "%.<places>f", value)} for a feature's detail, without parsing a format for
     * every scored pair (a tenth of scoring events): the shortest decimal of the double, rounded half up, as the
     * formatter rounds it.
     */
    static String fixed(double value, int places) {
        return java.math.BigDecimal.valueOf(value)
                .setScale(places, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** A score with this feature added (the context features of a second pass). */
    public Score plus(String name, double weight, String detail) {
        var all = new ArrayList<>(features);
        all.add(new Feature(name, weight, detail));
        return new Score(total + weight, List.copyOf(all));
    }
}
