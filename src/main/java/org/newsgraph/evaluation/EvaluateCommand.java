package org.newsgraph.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.newsgraph.command.NewsGraphCommand;
import org.newsgraph.ingest.ArticleImporter;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar newsgraph.jar evaluate FILE_OR_DIR... [--truth FILE] [--no-import] [--batch-size N]
 * [--oracle-actors]}:
 * imports article documents through the bulk import and prints pairwise precision and recall of actors,
 * events and utterances against the ground truth ({@code DIR/truth.json} when one directory is given).
 */
@Component
class EvaluateCommand implements NewsGraphCommand {

    private final Evaluator evaluator;

    EvaluateCommand(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String description() {
        return "evaluate FILE_OR_DIR... [--truth FILE] [--no-import] [--batch-size N] [--oracle-actors]: resolution precision/recall against a ground truth (--oracle-actors: merge actors as the truth says first, to score utterance linking alone)";
    }

    @Override
    public int run(List<String> args) throws Exception {
        var paths = new ArrayList<Path>();
        Path truthFile = null;
        boolean importFirst = true;
        boolean oracleActors = false;
        int batchSize = 100;
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            if (arg.equals("--truth") && i + 1 < args.size()) truthFile = Path.of(args.get(++i));
            else if (arg.equals("--no-import")) importFirst = false;
            else if (arg.equals("--oracle-actors")) oracleActors = true;
            else if (arg.equals("--batch-size") && i + 1 < args.size()) {
                try {
                    batchSize = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    return usage("--batch-size needs a number");
                }
            } else if (arg.startsWith("-")) return usage("unknown option " + arg);
            else paths.add(Path.of(arg));
        }
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
                new Evaluator.Options(importFirst, batchSize, oracleActors),
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

    private int usage(String problem) {
        System.err.println("evaluate: " + problem);
        System.err.println("usage: " + description());
        return 2;
    }
}
