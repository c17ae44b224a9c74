package org.newsgraph.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.newsgraph.support.EvaluationApplication;
import org.newsgraph.support.SharesNothing;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Resolution measured against the multi-outlet test sets ({@code db/testsets/}): both sets imported through
 * the bulk import into a database of their own, read back from the stored graph, scored pairwise. The
 * targets of issue #11 are precision >= 0.99 and recall >= 0.95 for actors and events, utterance recall
 * >= 0.9 at precision >= 0.99. Where a figure is not there yet, the test holds today's value as a floor
 * (a regression fails) and names the target; raise the floor as the resolution engine lands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharesNothing
class MultiOutletResolutionTest {

    /** Started by this class on a database of its own ({@link EvaluationApplication} says why not by Spring's). */
    final ConfigurableApplicationContext application = EvaluationApplication.start();

    final Evaluator evaluator = application.getBean(Evaluator.class);

    @AfterAll
    void stopTheApplication() {
        application.close();
    }

    EvaluationReport ukraine;
    EvaluationReport trade;
    /** Written before the event features were tuned, and kept out of tuning: the stand-in for unseen articles. */
    EvaluationReport cyclone;
    /** Written before the actor rules were tuned and never tuned on: it stands in for articles not seen. */
    EvaluationReport redSea;
    /**
     * Written before the cross-script features of 2026-12-01 were tuned (Russian, Turkish, Japanese and Persian
     * outlets): a stand-in for unseen articles.
     */
    EvaluationReport caspian;
    /**
     * Written before the tuning of this session and scored on main first (a court ruling on a cartel fine, nine
     * outlets in seven languages, Hangul, Han and Greek script): a stand-in for unseen articles.
     */
    EvaluationReport battery;
    /**
     * Written and scored on main before the tuning of this session (an engine fire on an airliner, eight outlets in six
     * languages, Vietnamese, Thai, Japanese, Chinese and Cyrillic script): a stand-in for unseen articles.
     */
    EvaluationReport engine;
    /**
     * Written and scored on main before the tuning of 2026-12-02 (a rail accident at the Polish-Ukrainian border, nine
     * outlets in seven languages, Latin, Cyrillic and Hebrew script): a stand-in for unseen articles.
     */
    EvaluationReport rail;

    static final List<String> SETS = List.of(
            "multi-outlet",
            "trade-talks",
            "cyclone-aftermath",
            "red-sea",
            "caspian-pipeline",
            "battery-ruling",
            "engine-fire",
            "rail-spill");

    /**
     * Target 0.99 everywhere. Below it in the other order (a floor, not a goal): engine-fire, where a company's news
     * conference joins the regulator's order on the company the same day (one participant in common, titles in other
     * languages), and an investigation joins the engine fire it looks into.
     */
    static final Map<String, Double> REVERSED_EVENT_PRECISION_FLOORS = Map.of("engine-fire", 0.93);

    final List<String> importFailures = new ArrayList<>();

    @BeforeAll
    void evaluateBothSets() throws IOException {
        ukraine = evaluate(Path.of("db/testsets/multi-outlet"));
        trade = evaluate(Path.of("db/testsets/trade-talks"));
        cyclone = evaluate(Path.of("db/testsets/cyclone-aftermath"));
        redSea = evaluate(Path.of("db/testsets/red-sea"));
        caspian = evaluate(Path.of("db/testsets/caspian-pipeline"));
        battery = evaluate(Path.of("db/testsets/battery-ruling"));
        engine = evaluate(Path.of("db/testsets/engine-fire"));
        rail = evaluate(Path.of("db/testsets/rail-spill"));
    }

    private EvaluationReport evaluate(Path dir) throws IOException {
        return evaluate(evaluator, dir, false).report();
    }

    /** Imports the set's documents (last file first when reversed) and scores what was stored. */
    private Evaluator.Outcome evaluate(Evaluator on, Path dir, boolean reversed) throws IOException {
        var truthFile = dir.resolve("truth.json");
        var files = new ArrayList<>(EvaluateCommand.documentFiles(List.of(dir), truthFile));
        if (reversed) Collections.reverse(files);
        var outcome =
                on.evaluate(files, GroundTruth.read(truthFile), new Evaluator.Options(true, 100), importFailures::add);
        System.out.println(
                dir + (reversed ? " (reversed)" : "") + "\n" + outcome.report().summary());
        return outcome;
    }

    @Test
    void everyDocumentOfBothSets_isAcceptedAndEveryMentionTraced() {
        assertThat(importFailures).isEmpty();
        for (var report : List.of(ukraine, trade, cyclone, redSea, caspian, battery, engine, rail)) {
            assertThat(report.missingArticles()).isZero();
            assertThat(report.unanchoredActors()).isZero();
            // Events merged on evidence are placed through the ref their decision records.
            assertThat(report.unanchoredEvents()).isZero();
        }
        assertThat(ukraine.actors().mentions()).isEqualTo(151);
        assertThat(ukraine.utterances().mentions()).isEqualTo(66);
    }

    @Test
    void actorsAcrossOutlets_areNotFalselyMerged() {
        // the two "Li Wei", the two "Ahmed Hassan", Whitfield Jr./Sr. and the ministries aliased "Foreign Ministry"
        // stay apart
        assertThat(ukraine.actors().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(trade.actors().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(redSea.actors().precision()).isGreaterThanOrEqualTo(0.99);
        // Rashad vs Elnur Mammadov, Mehmet Ali vs Mustafa Öztürk, Mohammad-Reza vs Ali Karimi, two energy ministries
        assertThat(cyclone.actors().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(caspian.actors().precision()).isGreaterThanOrEqualTo(0.99);
        // two people called Kim Soo-jin in one article (a regulator's chair, a broker's analyst), Park Ji-hoon vs Park
        // Ji-hun, Eleni Papadopoulou vs Nikos Papadopoulos, the two bodies called KFTC
        assertThat(battery.actors().precision()).isGreaterThanOrEqualTo(0.99);
        // Tran Minh Duc vs Tran Minh Dung, Vo Thi Hanh vs Vo Thi Hang ("Во Тхи Хань"), the Vietnamese and Thai aviation
        // authorities and transport ministries (named without a country in their own languages)
        assertThat(engine.actors().precision()).isGreaterThanOrEqualTo(0.99);
        // Tomasz vs Krzysztof Wiśniewski, Oleksandr Kovalchuk vs Kovalenko, Yael vs Dana Ben-David, the Polish and
        // Ukrainian infrastructure ministries, the Polish regulator vs the Ukrainian service
        assertThat(rail.actors().precision()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void actorsAndEventsAcrossOutlets_areNotFalselyMerged_whenTheArticlesArriveInTheOtherOrder() throws IOException {
        // A database of its own: in this class's database every document is stored already, and importing it again
        // changes nothing, so the figures would be the forward ones. The sets come last first, each set's files too.
        var soft = new SoftAssertions();
        try (var other = EvaluationApplication.start()) {
            var reversedEvaluator = other.getBean(Evaluator.class);
            var sets = new ArrayList<>(SETS);
            Collections.reverse(sets);
            for (var set : sets) {
                var dir = Path.of("db/testsets", set);
                var outcome = evaluate(reversedEvaluator, dir, true);
                int files = EvaluateCommand.documentFiles(List.of(dir), dir.resolve("truth.json"))
                        .size();
                // every document really imported here, not found stored (the demo dataset is the reference article)
                soft.assertThat(outcome.imported().articlesCreated())
                        .as(set)
                        .isEqualTo(set.equals("multi-outlet") ? files - 1 : files);
                // The ministries aliased "Foreign Ministry", "Energy Ministry", "trade ministry": whichever comes
                // first.
                soft.assertThat(outcome.report().actors().precision()).as(set).isGreaterThanOrEqualTo(0.99);
                soft.assertThat(outcome.report().events().precision())
                        .as(set)
                        .isGreaterThanOrEqualTo(REVERSED_EVENT_PRECISION_FLOORS.getOrDefault(set, 0.99));
            }
        }
        soft.assertAll();
    }

    @Test
    void actorsAcrossOutlets_areJoined_atLeastAsWellAsToday() {
        // target 0.95; the floors are what the resolution engine reaches today
        assertThat(ukraine.actors().recall()).isGreaterThanOrEqualTo(0.99);
        // target 0.95; missing: a ministry named in Japanese (経済産業省)
        assertThat(trade.actors().recall()).isGreaterThanOrEqualTo(0.94);
        // missing: "EUNAVFOR Aspides" / "EU naval force Aspides"
        assertThat(redSea.actors().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(cyclone.actors().recall()).isGreaterThanOrEqualTo(0.98);
        // missing: a Japanese name in kanji
        assertThat(caspian.actors().recall()).isGreaterThanOrEqualTo(0.97);
        // missing: a Korean name in Han characters (朴智勋), a company named in Hangul, a French name in Hangul
        assertThat(battery.actors().recall()).isGreaterThanOrEqualTo(0.83);
        // missing: names in kanji and Han (森愛子, 陈志明 is only in Han), Thai-script people, Vietnamese names in Cyrillic
        // and katakana ("Чан Минь Дык"), a company named by translation (莲花天空航空公司)
        assertThat(engine.actors().recall()).isGreaterThanOrEqualTo(0.62);
        // missing: names in Hebrew script, a ministry named without its country, a Ukrainian name in German spelling
        assertThat(rail.actors().recall()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void eventsAcrossOutlets_areNotFalselyMerged() {
        assertThat(ukraine.events().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(trade.events().precision()).isGreaterThanOrEqualTo(0.99);
        // the held-out set's hard negatives: two rounds of talks, two visits on one day in two cities, two pledges
        // at one conference, the same conference title in another year, another storm the same week
        assertThat(cyclone.events().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(redSea.events().precision()).isGreaterThanOrEqualTo(0.99);
        // the Baku meeting vs the Ashgabat round (the same people), two visits on one day in two capitals
        assertThat(caspian.events().precision()).isGreaterThanOrEqualTo(0.99);
        // the ruling on one company vs the ruling on another a day earlier, the EU's fine vs the Korean regulator's
        assertThat(battery.events().precision()).isGreaterThanOrEqualTo(0.99);
        // the two regulators' inspection orders a day apart, the emergency landing in Chiang Mai the day before
        assertThat(engine.events().precision()).isGreaterThanOrEqualTo(0.99);
        // the derailment vs the evacuation (same day, same place), the Polish order vs the Ukrainian ban a day later,
        // the same operator's derailment in March
        assertThat(rail.events().precision()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void eventsAcrossOutlets_areJoined_atLeastAsWellAsToday() {
        // target 0.95, reached (Japanese and Portuguese titles join by their participants)
        assertThat(ukraine.events().recall()).isGreaterThanOrEqualTo(0.99);
        assertThat(trade.events().recall()).isGreaterThanOrEqualTo(0.99);
        // cyclone-aftermath: vague titles ("The storm", "Aid summit"), a province for a city ("Sofala" / "Beira"),
        // undated events without participants
        assertThat(cyclone.events().recall()).isGreaterThanOrEqualTo(0.56);
        assertThat(redSea.events().recall()).isGreaterThanOrEqualTo(0.99);
        assertThat(caspian.events().recall()).isGreaterThanOrEqualTo(0.99);
        // the ruling titled in French, Korean; kinds OTHER vs ANNOUNCEMENT; a YEAR-dated fine in French
        assertThat(battery.events().recall()).isGreaterThanOrEqualTo(0.57);
        // titles in six languages whose participants are still other actors, undated investigations, a vague
        // "Inspection order" (OTHER, WEEK)
        assertThat(engine.events().recall()).isGreaterThanOrEqualTo(0.47);
        // vague titles ("The derailment", "Border ban") with WEEK dates, titles in six languages, a province for a town
        assertThat(rail.events().recall()).isGreaterThanOrEqualTo(0.55);
    }

    @Test
    void utterancesAcrossOutlets_linkTheSameWords_atLeastAsWellAsToday() {
        // target 0.9; what is missing today are reports whose speakers are still two actors
        assertThat(ukraine.utterances().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(trade.utterances().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(redSea.utterances().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(cyclone.utterances().recall()).isGreaterThanOrEqualTo(0.95);
        // one report dated two days after the other: outside the one-day pool of the same words
        assertThat(caspian.utterances().recall()).isGreaterThanOrEqualTo(0.66);
        assertThat(battery.utterances().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(engine.utterances().recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(rail.utterances().recall()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void utterancesAcrossOutlets_linkOnlyTheSameWords() {
        assertThat(ukraine.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(trade.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(redSea.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(cyclone.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(caspian.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(battery.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(engine.utterances().precision()).isGreaterThanOrEqualTo(0.99);
        assertThat(rail.utterances().precision()).isGreaterThanOrEqualTo(0.99);
    }
}
