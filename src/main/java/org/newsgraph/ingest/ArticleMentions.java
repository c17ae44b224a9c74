package org.newsgraph.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.ingest.ActorIndex.ActorState;
import org.newsgraph.resolution.ActorChoice;
import org.newsgraph.resolution.ActorScorer;

/**
 * The actor mentions of one article while {@link BatchResolver} resolves them: per mention (its index in the
 * article's keys) the actor found so far, how well it fits, the scored candidates still pending or left for a
 * curator, and the mention's profile. Held apart so that each step of the resolution is a method called once per
 * mention: the compiler (JIT) then compiles small methods once, instead of compiling the whole resolution again
 * (and again, on-stack) while its loops run.
 */
final class ArticleMentions {

    final int article;
    final List<ActorKey> keys;
    final int size;
    /** The actor each mention resolved to so far (null: none yet). */
    final Long[] found;
    /** How well each found one fits (exact: infinitely), to tell which of two people found as one is the new one. */
    final double[] fit;
    /** The scored candidates of a mention that fell short by name alone, for the passes with context. */
    final List<ActorChoice.Ranked<ActorState>>[] pending;
    /** The candidates of a mention that none matched: decisions for a curator once it is created. */
    final List<ActorChoice.Ranked<ActorState>>[] candidates;

    final ActorScorer.Profile[] profiles;
    /** Mention index by ref (the first mention of a ref). */
    final Map<String, Integer> refIndex = new HashMap<>();

    @SuppressWarnings("unchecked")
    ArticleMentions(int article, List<ActorKey> keys) {
        this.article = article;
        this.keys = keys;
        this.size = keys.size();
        this.found = new Long[size];
        this.fit = new double[size];
        Arrays.fill(fit, Double.POSITIVE_INFINITY);
        this.pending = new List[size];
        this.candidates = new List[size];
        this.profiles = new ActorScorer.Profile[size];
        for (int i = 0; i < size; i++) refIndex.put(keys.get(i).actor().ref(), i);
    }

    /** The actor the mention of this ref resolved to so far, or null. */
    Long resolved(String ref) {
        var i = refIndex.get(ref);
        return i == null ? null : found[i];
    }
}
