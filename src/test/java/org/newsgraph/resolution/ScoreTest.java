package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The details of scored pairs read as they did when they were formatted with {@link String#format}. */
class ScoreTest {

    @Test
    void fixed_writesEveryDiceRatioAndRandomValue_asStringFormatWrites() {
        for (int x = 0; x <= 120; x++) {
            for (int y = 1; y <= 120; y++) {
                for (double value : new double[] {2.0 * x / (x + y), (double) x / y, 2.0 * x / (x + y) / 3}) {
                    assertThat(Score.fixed(value, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
                    assertThat(Score.fixed(value, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
                }
            }
        }
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double value = random.nextDouble() * (random.nextBoolean() ? 1 : 100);
            assertThat(Score.fixed(value, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", value));
            assertThat(Score.fixed(value, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
        assertThat(Score.fixed(0.125, 2)).isEqualTo("0.13");
        assertThat(Score.fixed(0.5, 1)).isEqualTo("0.5");
        assertThat(Score.fixed(2, 1)).isEqualTo("2.0");
    }
}
