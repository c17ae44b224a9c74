package org.newsgraph.corpus;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws items with Zipf-like skew: the item of rank k is chosen with weight 1 / (k + 1)^exponent. Ranks
 * are mapped to items through a seeded shuffle, so the popular items are spread over the id range.
 */
final class Zipf {

    private final double[] cumulative;
    private final int[] items;

    Zipf(int[] items, double exponent, long seed) {
        this.items = items.clone();
        var random = new SplittableRandom(seed);
        for (int i = this.items.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = this.items[i];
            this.items[i] = this.items[j];
            this.items[j] = t;
        }
        cumulative = new double[items.length];
        double sum = 0;
        for (int k = 0; k < items.length; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < items.length; k++) cumulative[k] /= sum;
    }

    int next(SplittableRandom random) {
        int k = Arrays.binarySearch(cumulative, random.nextDouble());
        if (k < 0) k = -k - 1;
        return items[Math.min(k, items.length - 1)];
    }

    int size() {
        return items.length;
    }
}
