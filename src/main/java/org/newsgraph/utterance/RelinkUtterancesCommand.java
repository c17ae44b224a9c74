package org.newsgraph.utterance;

import org.newsgraph.command.NewsGraphCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;

/**
 * {@code java -jar newsgraph.jar relink-utterances}: recomputes every utterance from the stored statements
 * (after data was loaded around the ingest, after actors were merged or split). The {@code resolve}
 * command does the same as its last step.
 */
@Component
@Command(name = "relink-utterances", description = ": link every stored statement to its utterance again")
class RelinkUtterancesCommand implements NewsGraphCommand<RelinkUtterancesCommand.Options> {

    /** No arguments. */
    static final class Options {}

    private final UtteranceRelinker relinker;

    RelinkUtterancesCommand(UtteranceRelinker relinker) {
        this.relinker = relinker;
    }

    @Override
    public int execute(Options options) {
        long start = System.nanoTime();
        var result = relinker.relinkAll();
        System.out.printf(
                "%,d statements in %,d utterances, %,d open candidates (%d ms)%n",
                result.statements(), result.utterances(), result.candidates(), (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
