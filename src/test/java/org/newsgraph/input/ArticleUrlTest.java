package org.newsgraph.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The canonical form of article URLs (the rule of db/FORMAT.md) and the storable dates. */
class ArticleUrlTest {

    private static String canonical(String url) {
        return ArticleUrl.canonical(url).orElse(null);
    }

    @Test
    void spellingsOfOneAddress_haveOneCanonicalForm() {
        String canonical = "https://news.example/world/talks";
        for (String spelling : new String[] {
            "https://news.example/world/talks",
            "HTTPS://NEWS.EXAMPLE/world/talks",
            "https://News.Example:443/world/talks",
            "https://news.example/world/talks/",
            "https://news.example/world/talks#comments",
            "https://news.example/world/talks?utm_source=x&utm_medium=y",
            "https://news.example/world/talks?UTM_Campaign=z&fbclid=abc&gclid=1",
            "  https://news.example/world/talks  ",
        }) {
            assertThat(canonical(spelling)).as(spelling).isEqualTo(canonical);
        }
    }

    @Test
    void whatMakesADifferentAddress_stays() {
        assertThat(canonical("https://news.example/World/Talks")).isEqualTo("https://news.example/World/Talks");
        assertThat(canonical("http://news.example/a")).isEqualTo("http://news.example/a");
        assertThat(canonical("https://news.example:8443/a")).isEqualTo("https://news.example:8443/a");
        assertThat(canonical("http://news.example:443/a")).isEqualTo("http://news.example:443/a");
        assertThat(canonical("https://news.example/a?id=7&utm_source=x&page=2"))
                .isEqualTo("https://news.example/a?id=7&page=2");
        assertThat(canonical("https://news.example")).isEqualTo("https://news.example/");
        assertThat(canonical("https://news.example/?")).isEqualTo("https://news.example/");
        assertThat(canonical("https://www.news.example/a")).isEqualTo("https://www.news.example/a");
    }

    @Test
    void notAnHttpUrl_hasNone() {
        for (String bad :
                new String[] {"ftp://x/a", "news.example/a", "https://", "https:///a", "https://x:abc/", ""}) {
            assertThat(ArticleUrl.canonical(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void storableDates_areYearsOneTo9999() {
        assertThat(StorableDates.storable(LocalDate.of(1, 1, 1))).isTrue();
        assertThat(StorableDates.storable(LocalDate.of(9999, 12, 31))).isTrue();
        assertThat(StorableDates.storable(LocalDate.of(0, 1, 1))).isFalse();
        assertThat(StorableDates.storable(LocalDate.of(-1, 1, 1))).isFalse();
        assertThat(StorableDates.storable(LocalDate.of(10000, 1, 1))).isFalse();
        assertThat(StorableDates.storable(OffsetDateTime.parse("+99999-01-01T00:00:00Z")))
                .isFalse();
        assertThat(StorableDates.storable(OffsetDateTime.parse("1500-01-01T00:00:00Z")))
                .isTrue();
    }

    @Test
    void loneSurrogates_areFound_pairsAreNot() {
        assertThat(Text.hasLoneSurrogate("a\uD800b")).isTrue();
        assertThat(Text.hasLoneSurrogate("a\uDC00")).isTrue();
        assertThat(Text.hasLoneSurrogate("\uD800")).isTrue();
        assertThat(Text.hasLoneSurrogate("\uD83D\uDE00 ok")).isFalse();
    }
}
