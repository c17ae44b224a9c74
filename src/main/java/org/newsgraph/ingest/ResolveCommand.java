package org.newsgraph.ingest;

import org.newsgraph.command.NewsGraphCommand;
import org.newsgraph.utterance.UtteranceRelinker;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;

/**
 * {@code java -jar newsgraph.jar resolve}: runs the resolution engine over the stored actors and events
 * ({@link StoredDataResolver}): merges what scores at or above the merge threshold, offers what lies between
 * the thresholds to curators, then links the statements to utterances again ({@link UtteranceRelinker}: an
 * utterance is one speaker's, and merges change who the speakers are). Idempotent; exit code 0, or 2 for a usage error.
 */
@Component
@Command(
        name = "resolve",
        description =
                "resolve: re-run actor and event resolution over the stored data (repairs what ingest order left)")
class ResolveCommand implements NewsGraphCommand<ResolveCommand.Options> {

    /** No options: it resolves everything stored. */
    static final class Options {}

    private final StoredDataResolver resolution;
    private final UtteranceRelinker relinker;

    ResolveCommand(StoredDataResolver resolution, UtteranceRelinker relinker) {
        this.resolution = resolution;
        this.relinker = relinker;
    }

    @Override
    public int execute(Options options) {
        long start = System.nanoTime();
        var outcome = resolution.run();
        var utterances = relinker.relinkAll();
        System.out.printf(
                "Candidate keys added: %d%nActors: %d merged, %d candidates%nEvents: %d merged, %d candidates%n"
                        + "Utterances: %,d statements in %,d utterances, %,d open candidates%nresolve took %.1f s%n",
                outcome.keys(),
                outcome.actorMerges(),
                outcome.actorCandidates(),
                outcome.eventMerges(),
                outcome.eventCandidates(),
                utterances.statements(),
                utterances.utterances(),
                utterances.candidates(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
