package org.newsgraph.resolution;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a pair's score decides (configuration {@code newsgraph.resolution.*}): at or above {@code merge} the
 * mention joins the stored node (the evidence is recorded); from {@code candidate} up to {@code merge} it becomes
 * a new node and the pair waits for a curator; below, a new node and nothing recorded.
 */
@ConfigurationProperties("newsgraph.resolution")
public record Thresholds(Pair actor, Pair event) {

    /** The two thresholds of one kind of node. */
    public record Pair(double merge, double candidate) {
        public Pair {
            if (candidate > merge) throw new IllegalArgumentException("candidate threshold above merge threshold");
        }
    }

    public static final Thresholds DEFAULTS = new Thresholds(new Pair(8, 4), new Pair(8, 4));

    public Thresholds {
        if (actor == null) actor = new Pair(8, 4);
        if (event == null) event = new Pair(8, 4);
    }
}
