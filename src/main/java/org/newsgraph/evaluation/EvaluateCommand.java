package org.newsgraph.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.newsgraph.command.NewsGraphCommand;
import org.newsgraph.ingest.ArticleImporter;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar newsgraph.jar evaluate FILE_OR_DIR... [--truth FILE] [--no-import] [--batch-size N]}:
 * imports article documents through the bulk import and prints pairwise precision and recall of actors,
 * events and utterances against the ground truth ({@code DIR/truth.json} when one directory is given).
 */
@Component
@Command(
        name = "evaluate",
        description =
                "FILE_OR_DIR... [--truth FILE] [--no-import] [--batch-size N]: resolution precision/recall against a ground truth")
class EvaluateCommand implements NewsGraphCommand<EvaluateCommand.Options> {

    /** The arguments. */
    static final class Options {
        @Parameters(paramLabel = "FILE_OR_DIR")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--truth", paramLabel = "FILE", description = "the ground truth (default DIR/truth.json)")
        Path truth;

        @Option(
                names = "--oracle-actors",
                description = "merge actors as the truth says first, to score utterance linking alone")
        boolean oracleActors;

        @Option(names = "--no-import", description = "evaluate what the database holds already")
        boolean noImport;

        @Option(names = "--batch-size", description = "articles per import transaction (default 100)")
        int batchSize = 100;
    }

    private final Evaluator evaluator;

    EvaluateCommand(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public int execute(Options options) throws Exception {
        var paths = options.paths;
        Path truthFile = options.truth;
        boolean importFirst = !options.noImport;
        int batchSize = options.batchSize;
        if (paths.isEmpty()) return usage("no file or directory given");
        if (truthFile == null) {
            if (paths.size() == 1 && Files.isDirectory(paths.get(0)))
                truthFile = paths.get(0).resolve("truth.json");
            else return usage("--truth FILE is needed unless one directory with a truth.json is given");
        }
        if (!Files.isRegularFile(truthFile)) return usage("no truth file " + truthFile);
        var files = documentFiles(paths, truthFile);
        var truth = GroundTruth.read(truthFile);
        long start = System.nanoTime();
        var outcome = evaluator.evaluate(
                files,
                truth,
                new Evaluator.Options(importFirst, batchSize, options.oracleActors),
                line -> System.err.println(line));
        if (outcome.imported() != null) System.out.println(outcome.imported().summary());
        System.out.print(outcome.report().summary());
        System.out.printf(Locale.ROOT, "evaluate took %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The document files under the given paths, without the truth file. */
    static List<Path> documentFiles(List<Path> paths, Path truthFile) throws java.io.IOException {
        var truth = truthFile.toAbsolutePath().normalize();
        return ArticleImporter.inputFiles(paths).stream()
                .filter(p -> !p.toAbsolutePath().normalize().equals(truth))
                .toList();
    }
}
