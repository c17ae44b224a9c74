package org.newsgraph.utterance;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.statement.StatementKind;

/**
 * The rules that decide whether a report joins an utterance, and which pairs of utterances a curator should
 * look at. Always the same (resolved) speaker, never two reports of one article, never dates that exclude
 * each other (a DAY inside a WEEK is compatible, two different days are not). Then: the same words link; a
 * quotation cut out of a longer one links (at least two words when both are dated, five when not); a
 * near-verbatim rendering (trigram similarity >= {@value #SIMILAR}, both dated) links; a paraphrase links
 * only word for word. Two utterances of one speaker about a common event on compatible days (another
 * translation, other words) are a candidate, not a link.
 */
final class UtteranceMatcher {

    static final double SIMILAR = 0.7;
    static final double CONTAINED_SCORE = 0.9;

    private UtteranceMatcher() {}

    /**
     * A report as the matcher sees it, with the utterance it reports (or starts). {@code firstDay}, {@code lastDay}
     * (epoch days of the period its date stands for, 0 undated), {@code wordCount} and {@code grams} (the words'
     * trigrams, when first asked) are derived from the others by the shorter constructor, once per report: the
     * matcher compares every report with a speaker's whole pool.
     */
    record Report(
            long statement,
            long utterance,
            long speaker,
            long article,
            StatementKind kind,
            String words,
            LocalDate saidOn,
            DatePrecision precision,
            Set<Long> events,
            long firstDay,
            long lastDay,
            int wordCount,
            QuoteWords.Grams grams) {

        Report(
                long statement,
                long utterance,
                long speaker,
                long article,
                StatementKind kind,
                String words,
                LocalDate saidOn,
                DatePrecision precision,
                Set<Long> events) {
            this(
                    statement,
                    utterance,
                    speaker,
                    article,
                    kind,
                    words,
                    saidOn,
                    precision,
                    events,
                    saidOn == null ? 0 : saidOn.toEpochDay(),
                    saidOn == null ? 0 : end(saidOn, precision).toEpochDay(),
                    QuoteWords.wordCount(words),
                    new QuoteWords.Grams(words));
        }

        /** The same report, of another utterance. */
        Report of(long otherUtterance) {
            return new Report(
                    statement,
                    otherUtterance,
                    speaker,
                    article,
                    kind,
                    words,
                    saidOn,
                    precision,
                    events,
                    firstDay,
                    lastDay,
                    wordCount,
                    grams);
        }
    }

    /** How a report joins an utterance. */
    record Link(long utterance, String how, double score) {}

    /** The best utterance of the pool for the report (ties: the lower utterance ID), or null. */
    static Link best(Report report, Collection<Report> pool) {
        Link best = null;
        for (var other : pool) {
            var link = link(report, other);
            if (link == null) continue;
            if (best == null
                    || link.score() > best.score()
                    || (link.score() == best.score() && link.utterance() < best.utterance())) best = link;
        }
        return best;
    }

    static Link link(Report a, Report b) {
        if (a.speaker() != b.speaker() || a.article() == b.article()) return null;
        if (a.words().isEmpty() || b.words().isEmpty()) return null;
        boolean dated = a.saidOn() != null && b.saidOn() != null;
        // A later outlet often dates a quote by its own day: the same words, quoted (at least LATE_QUOTE_WORDS of
        // them), may be dated up to QUOTE_SLACK_DAYS apart; anything else one day.
        boolean near = !dated || compatible(a, b, 1);
        boolean quoted = a.kind() != StatementKind.PARAPHRASE && b.kind() != StatementKind.PARAPHRASE;
        if (!near && !(quoted && compatible(a, b, QUOTE_SLACK_DAYS))) return null;
        if (a.words().equals(b.words()) && (near || a.wordCount() >= LATE_QUOTE_WORDS))
            return new Link(b.utterance(), "SAME_WORDS", 1.0);
        if (!quoted) return null;
        boolean aLonger = a.words().length() >= b.words().length();
        var longer = aLonger ? a.words() : b.words();
        var shorter = aLonger ? b.words() : a.words();
        int minWords = !dated ? 5 : near ? 2 : LATE_QUOTE_WORDS;
        if ((aLonger ? b : a).wordCount() >= minWords && shorter.length() >= 12 && QuoteWords.contains(longer, shorter))
            return new Link(b.utterance(), "CONTAINED", CONTAINED_SCORE);
        if (dated && near) {
            double similarity = QuoteWords.similarity(a.grams().get(), b.grams().get());
            if (similarity >= SIMILAR) return new Link(b.utterance(), "SIMILAR", similarity);
        }
        return null;
    }

    /**
     * The score of a candidate pair (the trigram similarity of their words, 0 for other languages), or a
     * negative number when the two are not a candidate.
     */
    static double candidate(Report a, Report b) {
        if (a.speaker() != b.speaker() || a.article() == b.article() || a.utterance() == b.utterance()) return -1;
        if (a.saidOn() == null || b.saidOn() == null || !compatible(a, b)) return -1;
        if (Collections.disjoint(a.events(), b.events())) return -1;
        return QuoteWords.similarity(a.grams().get(), b.grams().get());
    }

    /** Whether the periods the two dates stand for overlap (a day of slack for time zones). */
    static boolean compatible(Report a, Report b) {
        return compatible(a, b, 1);
    }

    /** Whether the periods the two dates stand for overlap with this many days of slack (both dated). */
    static boolean compatible(Report a, Report b, int slack) {
        return a.firstDay() <= b.lastDay() + slack && b.firstDay() <= a.lastDay() + slack;
    }

    /** How many days apart two reports of the same quoted words may be dated (see {@link #link}). */
    static final int QUOTE_SLACK_DAYS = 2;

    /** How many words a quote needs to link across more than a day. */
    static final int LATE_QUOTE_WORDS = 6;

    static LocalDate end(LocalDate start, DatePrecision precision) {
        if (precision == null) return start;
        return switch (precision) {
            case HOUR, DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.withDayOfMonth(start.lengthOfMonth());
            case YEAR -> start.withDayOfYear(start.lengthOfYear());
        };
    }
}
