package org.newsgraph.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.Set;
import org.newsgraph.resolution.ActorScorer;

/**
 * The candidate keys of names ({@link ActorScorer#blockingKeys}), remembered across runs: every import batch
 * asks again for the keys of every name of every actor it loads, and a feed names the same actors again and
 * again. The keys are a function of the scorer (its gazetteer), the kind and the text alone, so a remembered
 * answer is the answer. Bounded (least recently used go first).
 */
final class CandidateKeys {

    private static final int MAX_NAMES = 100_000;

    private record Name(ActorScorer scorer, String kind, String text) {}

    private static final Cache<Name, Set<String>> KEYS =
            Caffeine.newBuilder().maximumSize(MAX_NAMES).build();

    private CandidateKeys() {}

    /** The scorer's candidate keys of the name, in the scorer's order; not to be changed. */
    static Set<String> of(ActorScorer scorer, String kind, String name) {
        return KEYS.get(
                new Name(scorer, kind, name),
                n -> Collections.unmodifiableSet(n.scorer().blockingKeys(n.kind(), n.text())));
    }
}
