package org.newsgraph.corpus;

import static org.newsgraph.corpus.Vocabulary.pick;

import java.util.Set;
import java.util.SplittableRandom;
import org.newsgraph.actor.ActorKind;

/**
 * The actors of the synthetic corpus: their kinds, names and descriptions. Each helper draws only from the
 * random stream it is handed, in the order {@link CorpusGenerator} calls it, so the corpus of a seed stays
 * the same.
 */
final class SyntheticActors {

    private SyntheticActors() {}

    static ActorKind[] kinds(int n) {
        // shares of the non-person kinds; at least one of each so every relation has a target
        Object[][] shares = {
            {ActorKind.COUNTRY, 0.012},
            {ActorKind.MEDIA_OUTLET, 0.016},
            {ActorKind.NEWS_AGENCY, 0.004},
            {ActorKind.MINISTRY, 0.03},
            {ActorKind.GOVERNMENT_BODY, 0.03},
            {ActorKind.ORGANIZATION, 0.08},
            {ActorKind.GROUP, 0.02}
        };
        var kinds = new ActorKind[n];
        int i = 0;
        for (var share : shares) {
            int count = Math.max(1, (int) Math.round(n * (double) share[1]));
            for (int k = 0; k < count && i < n; k++) kinds[i++] = (ActorKind) share[0];
        }
        while (i < n) kinds[i++] = ActorKind.PERSON;
        // interleave deterministically so kinds are spread over the id range
        var random = new SplittableRandom(n);
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            var t = kinds[k];
            kinds[k] = kinds[j];
            kinds[j] = t;
        }
        return kinds;
    }

    static String name(ActorKind kind, int i, SplittableRandom random) {
        var country = Vocabulary.COUNTRIES.get(i % Vocabulary.COUNTRIES.size());
        var last = pick(Vocabulary.LAST_NAMES, random);
        return switch (kind) {
            case PERSON -> {
                var first = pick(Vocabulary.FIRST_NAMES, random);
                yield random.nextInt(3) == 0
                        ? first + " " + (char) ('A' + random.nextInt(26)) + ". " + last
                        : first + " " + last;
            }
            case COUNTRY -> country;
            case MEDIA_OUTLET -> country + " " + pick(Vocabulary.OUTLETS, random);
            case NEWS_AGENCY -> last + " News Agency";
            case MINISTRY -> "Ministry of " + pick(Vocabulary.PORTFOLIOS, random) + " of " + country;
            case GOVERNMENT_BODY -> country + " " + pick(Vocabulary.BODIES, random);
            case ORGANIZATION -> last + " " + pick(Vocabulary.ORG_SUFFIXES, random);
            case GROUP -> "Friends of " + country;
            case UNNAMED_SOURCE -> "an official";
        };
    }

    static String uniqueName(String name, Set<String> keys) {
        var candidate = name;
        for (int n = 2; !keys.add(CorpusGenerator.nameKey(candidate)); n++) candidate = name + " " + n;
        return candidate;
    }

    static String describe(ActorKind kind, SplittableRandom random) {
        return switch (kind) {
            case PERSON -> pick(Vocabulary.TITLES, random) + " from " + pick(Vocabulary.COUNTRIES, random) + ".";
            case COUNTRY -> "A country in the synthetic corpus.";
            default -> "Based in " + pick(Vocabulary.CITIES, random) + ".";
        };
    }
}
