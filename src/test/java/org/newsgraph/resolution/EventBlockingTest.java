package org.newsgraph.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.LongRunning;
import org.newsgraph.support.SharesNothing;

@SharesNothing
@LongRunning
class EventBlockingTest {

    private final EventScorer scorer = new EventScorer(Gazetteer.standard());

    private static final List<String> PRECISIONS = List.of("HOUR", "DAY", "WEEK", "MONTH", "YEAR");
    private static final List<String> KINDS = List.of("TALKS", "VISIT", "WAR", "PROPOSAL", "OTHER");
    private static final List<String> TITLES =
            List.of("london talks on ukraine", "ukraine peace talks in london", "war in ukraine", "grain deal", "");

    private record Stored(String kind, String titleKey, LocalDate startsOn, String precision) {}

    /** Dated (every precision, days around one date and a year before and after) and undated events. */
    private static List<Stored> events(List<Integer> offsets) {
        var out = new ArrayList<Stored>();
        var base = LocalDate.parse("2025-04-23");
        for (var kind : KINDS)
            for (var title : TITLES) {
                out.add(new Stored(kind, title, null, null));
                for (var precision : PRECISIONS)
                    for (int offset : offsets) out.add(new Stored(kind, title, base.plusDays(offset), precision));
            }
        return out;
    }

    @Test
    void mention_admitsWhatTheBlockingTestAdmits_lessThePairsTheDatesVeto() {
        var events = events(List.of(-366, -365, -31, -30, -7, -6, -1, 0, 1, 6, 7, 31, 365));
        int admitted = 0, left = 0;
        for (var mention : events(List.of(-6, 0, 31))) {
            if (!mention.kind().equals("TALKS")) continue;
            var blocking = EventBlocking.Mention.of(
                    mention.kind(), mention.titleKey(), mention.startsOn(), mention.precision());
            for (var stored : events) {
                boolean candidate = EventBlocking.candidate(
                        mention.kind(),
                        mention.titleKey(),
                        mention.startsOn(),
                        mention.precision(),
                        stored.kind(),
                        stored.titleKey(),
                        stored.startsOn(),
                        stored.precision());
                boolean datesVeto = scorer.score(profile(mention), profile(stored)).features().stream()
                        .anyMatch(f -> f.name().equals("date") && f.weight() == Double.NEGATIVE_INFINITY);
                boolean admits = blocking.admits(
                        stored.kind(),
                        EventBlocking.trigramCodes(stored.titleKey()),
                        stored.startsOn(),
                        stored.precision());
                assertThat(admits).as("%s against %s", mention, stored).isEqualTo(candidate && !datesVeto);
                if (admits) admitted++;
                if (candidate && !admits) left++;
            }
        }
        // The grid has both kinds of pairs: the test compares something.
        assertThat(admitted).isPositive();
        assertThat(left).isPositive();
    }

    @Test
    void similarityOfTrigramSets_isTheSimilarityOfTheTexts() {
        var texts = new ArrayList<>(TITLES);
        texts.addAll(List.of("Переговоры в Лондоне", "переговоры о мире в лондоне", "日韓輸出管理協議", "Talks à Londres 🙂"));
        for (var a : texts)
            for (var b : texts) {
                assertThat(EventBlocking.similarity(EventBlocking.trigrams(a), EventBlocking.trigrams(b)))
                        .isEqualTo(EventBlocking.similarity(a, b));
                assertThat(EventBlocking.similarity(EventBlocking.trigramCodes(a), EventBlocking.trigramCodes(b)))
                        .isEqualTo(EventBlocking.similarity(a, b));
            }
        assertThat(EventBlocking.similarity("London talks", "london TALKS")).isEqualTo(1.0);
        assertThat(EventBlocking.similarity("London talks", "grain deal")).isZero();
    }

    private static EventScorer.Profile profile(Stored e) {
        return new EventScorer.Profile(0, e.kind(), e.titleKey(), e.startsOn(), e.precision(), null, null, Set.of());
    }
}
