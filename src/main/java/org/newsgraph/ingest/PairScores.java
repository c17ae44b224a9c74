package org.newsgraph.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.ActorScorer.Profile;
import org.newsgraph.resolution.Score;

/**
 * Actor pair scores ({@link ActorScorer#score(Profile, Profile, boolean)}), remembered across runs: an import
 * meets the same mention (a name, its aliases, affiliations) and the same stored actor (its names, Wikidata ID,
 * affiliations) again in article after article, and scores them again in every batch. A score is a function of
 * the scorer and the two profiles' contents, so an answer remembered for equal contents is the answer. The
 * profiles are the key: callers pass profiles that do not change afterwards (a mention's, made once per mention; a
 * stored actor's snapshot, {@code ActorIndex.ActorState#profile}). Bounded (least recently used go first).
 */
final class PairScores {

    private static final int MAX_PAIRS = 50_000;

    private record Pair(ActorScorer scorer, Profile mention, Profile stored, boolean fullNames) {}

    private static final Cache<Pair, Score> SCORES =
            Caffeine.newBuilder().maximumSize(MAX_PAIRS).build();

    private PairScores() {}

    /** The pair's score; neither profile may change afterwards (they are kept as the key). */
    static Score score(ActorScorer scorer, Profile mention, Profile stored, boolean fullNames) {
        return SCORES.get(
                new Pair(scorer, mention, stored, fullNames),
                p -> p.scorer().score(p.mention(), p.stored(), p.fullNames()));
    }
}
