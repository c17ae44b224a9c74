package org.newsgraph.resolution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses, among the scored stored actors a mention may be, the one it is, or none. The best pair merges at or
 * above the merge threshold only when no other actor comes close: when two stored actors fit a mention about
 * equally ({@value #MARGIN} or less apart, e.g. two people named "Li Wei" and a "Li Wei" without an affiliation,
 * or "A. Jensen" with an Anna and an Andrei Jensen stored), the mention picks neither: the close ones become
 * candidates for a curator, and the mention a node of its own (or joins the node that already collects the
 * undistinguished mentions of that name). Which actor was stored first plays no part. A name form many people
 * share (an initial, no given name, half of a double surname) that fits exactly one stored actor gains
 * {@value #ONLY_COMPATIBLE}: "H. Marino" is Hana Marino while she is the only Marino with an H.
 */
public final class ActorChoice {

    public static final double MARGIN = 2;
    public static final double ONLY_COMPATIBLE = 1.5;

    private ActorChoice() {}

    /**
     * One stored actor with its score against the mention; {@code undistinguished}: it carries the mention's own
     * name and is known by nothing more (only by that shared name form, such as "S. Lambert"; or without Wikidata
     * ID and affiliation, as the mention): it collects the mentions of that name that nothing tells apart.
     */
    public record Ranked<T>(T actor, Score score, boolean undistinguished, boolean onlyShortForms) {
        public Ranked(T actor, Score score, boolean undistinguished) {
            this(actor, score, undistinguished, false);
        }
    }

    /**
     * The actor merged with (or null), its score, and the candidates to record when none was merged;
     * {@code namesake}: merged only as the node that collects a shared name's undistinguished mentions.
     */
    public record Choice<T>(T merged, Score score, List<Ranked<T>> candidates, boolean namesake) {
        Choice(T merged, Score score, List<Ranked<T>> candidates) {
            this(merged, score, candidates, false);
        }
    }

    /** @param ranked the scored actors, in the order ties are broken (oldest first) */
    public static <T> Choice<T> choose(List<Ranked<T>> ranked, Thresholds.Pair t) {
        var sorted = new ArrayList<Ranked<T>>();
        for (var r : ranked) if (!r.score().vetoed()) sorted.add(r);
        sorted.sort(Comparator.comparingDouble((Ranked<T> r) -> -r.score().total()));
        if (sorted.isEmpty()) return new Choice<>(null, null, List.of());
        var best = sorted.get(0);
        var second = sorted.size() > 1 && sorted.get(1).score().total() >= t.candidate() ? sorted.get(1) : null;
        if (second == null && ActorScorer.weak(best.score()) && best.score().total() >= t.candidate()) {
            best = new Ranked<>(
                    best.actor(),
                    best.score().plus("only compatible actor", ONLY_COMPATIBLE, "no other stored actor fits this name"),
                    best.undistinguished(),
                    best.onlyShortForms());
        }
        if (second != null && best.score().total() - second.score().total() < MARGIN) {
            var close = new ArrayList<Ranked<T>>();
            for (var r : sorted) if (r.score().total() > best.score().total() - MARGIN) close.add(r);
            var candidates = new ArrayList<Ranked<T>>();
            for (var r : close) if (r.score().total() >= t.candidate() && candidates.size() < 3) candidates.add(r);
            // The node that collects this name's undistinguished mentions, even if context made the others richer.
            for (var r : sorted) {
                if (r.undistinguished() && r.score().total() >= t.candidate())
                    return new Choice<>(
                            r.actor(),
                            r.score().plus("namesakes", 0, close.size() + " stored actors fit; none is told apart"),
                            candidates,
                            true);
            }
            return new Choice<>(null, null, candidates);
        }
        if (best.score().total() >= t.merge()) return new Choice<>(best.actor(), best.score(), List.of());
        return new Choice<>(null, null, best.score().total() >= t.candidate() ? List.of(best) : List.of());
    }
}
