package org.newsgraph.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one evaluation: pairwise scores for actors, events and utterances, how many mentions could
 * not be traced to a stored row, how the remarks told in other words fared (linked, waiting as a curator's
 * candidate, or missed), and the worst false merges and splits by name.
 */
public record EvaluationReport(
        PairwiseScore actors,
        PairwiseScore events,
        PairwiseScore utterances,
        long unanchoredActors,
        long unanchoredEvents,
        long missingArticles,
        long tracedByName,
        RemarkCoverage remarks,
        List<String> falseMerges,
        List<String> falseSplits,
        List<String> untraced) {

    /**
     * Pairs of reports of one remark that are different utterances in the truth (another translation, a
     * paraphrase): how many the system linked anyway, how many it offers as a candidate.
     */
    public record RemarkCoverage(long pairs, long linked, long candidates) {
        public double offered() {
            return pairs == 0 ? 1.0 : (double) (linked + candidates) / pairs;
        }
    }

    public String summary() {
        var text = new StringBuilder();
        text.append("actors     ").append(actors).append('\n');
        text.append("events     ").append(events).append('\n');
        text.append("utterances ").append(utterances).append('\n');
        text.append(String.format(
                Locale.ROOT,
                "remarks told in other words: %,d pairs, %,d linked, %,d offered as candidates (%.2f)%n",
                remarks.pairs(),
                remarks.linked(),
                remarks.candidates(),
                remarks.offered()));
        text.append(String.format(
                Locale.ROOT,
                "not traced to a stored row: %,d actor mentions, %,d event mentions; %,d articles not stored;"
                        + " %,d mentions traced by name only%n",
                unanchoredActors,
                unanchoredEvents,
                missingArticles,
                tracedByName));
        if (!falseMerges.isEmpty()) {
            text.append("false merges (one stored row, several real ones):\n");
            falseMerges.forEach(line -> text.append("  ").append(line).append('\n'));
        }
        if (!falseSplits.isEmpty()) {
            text.append("splits (one real one, several stored rows):\n");
            falseSplits.forEach(line -> text.append("  ").append(line).append('\n'));
        }
        if (!untraced.isEmpty()) {
            text.append("not traced (first ").append(untraced.size()).append("):\n");
            untraced.forEach(line -> text.append("  ").append(line).append('\n'));
        }
        return text.toString();
    }
}
