package org.newsgraph.corpus;

/**
 * Size and seed of a synthetic corpus. Scale 1.0 is the default benchmark corpus: about 5,000 actors,
 * 50,000 articles, 500,000 statements and 20,000 events; other scales multiply every count.
 *
 * @param seed same seed and scale, same rows (ids included)
 */
public record CorpusSpec(long seed, double scale, int actors, int articles, int events, int maxStatementsPerArticle) {

    public static CorpusSpec of(long seed, double scale) {
        if (!(scale > 0) || scale > 100) throw new IllegalArgumentException("scale must be in (0, 100], was " + scale);
        return new CorpusSpec(
                seed,
                scale,
                Math.max(60, (int) Math.round(5_000 * scale)),
                Math.max(20, (int) Math.round(50_000 * scale)),
                Math.max(20, (int) Math.round(20_000 * scale)),
                // 1 + uniform(0..18): 10 statements per article on average, 500,000 at scale 1
                19);
    }
}
