package org.newsgraph.corpus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.newsgraph.command.NewsGraphCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate --seed 42 --scale 1.0 [--ndjson FILE] [--no-load]}: builds the synthetic benchmark corpus
 * and loads it into the (empty) configured database with COPY, and/or writes it as NDJSON article documents.
 */
@Component
@Command(
        name = "generate",
        description =
                "--seed N --scale X [--ndjson FILE] [--no-load] [--variants [--truth FILE]]: synthetic corpus (scale 1 = 500,000 statements) into an empty database; --variants writes it as many outlets would, with its ground truth")
class GenerateCommand implements NewsGraphCommand<GenerateCommand.Options> {

    /** The arguments. */
    static final class Options {
        @Option(names = "--seed", description = "random seed (default 42)")
        long seed = 42;

        @Option(names = "--scale", description = "1.0 = 500,000 statements")
        double scale = 1.0;

        @Option(names = "--ndjson", paramLabel = "FILE", description = "also write the corpus as NDJSON")
        Path ndjson;

        @Option(names = "--no-load", description = "do not load it into the database")
        boolean noLoad;

        @Option(names = "--variants", description = "write the NDJSON as many outlets would, with its ground truth")
        boolean variants;

        @Option(names = "--truth", paramLabel = "FILE", description = "where --variants writes the truth")
        Path truth;
    }

    private final DataSource dataSource;

    GenerateCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int execute(Options options) throws Exception {
        long seed = options.seed;
        double scale = options.scale;
        Path ndjson = options.ndjson;
        boolean load = !options.noLoad && !options.variants; // the variants are for the import, with resolution
        if (options.variants && ndjson == null) return usage("--variants writes NDJSON: give --ndjson FILE");
        Path truth = options.truth != null ? options.truth : ndjson == null ? null : Path.of(ndjson + ".truth.ndjson");
        var spec = CorpusSpec.of(seed, scale);
        long start = System.nanoTime();
        var corpus = new CorpusGenerator(spec);
        System.out.printf(
                "Corpus seed %d scale %s: %d actors, %d events, %d articles (model built in %d ms)%n",
                seed, scale, spec.actors(), spec.events(), spec.articles(), (System.nanoTime() - start) / 1_000_000);
        if (load) {
            var report = new CorpusLoader(dataSource).load(corpus);
            System.out.printf("Loaded with COPY in %d ms:%n", report.millis());
            report.rows().forEach((table, rows) -> System.out.printf("  %-22s %,d%n", table, rows));
        }
        if (options.variants) {
            long t = System.nanoTime();
            VariantCorpusWriter.Written written;
            try (var out = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8);
                    var truthOut = Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
                written = new VariantCorpusWriter().write(corpus, out, truthOut);
            }
            System.out.printf(
                    "Wrote %s (truth %s): %,d articles as outlets would write them, %,d statements in %d ms%n",
                    ndjson, truth, written.articles(), written.statements(), (System.nanoTime() - t) / 1_000_000);
        } else if (ndjson != null) {
            long t = System.nanoTime();
            long statements;
            try (var out = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8)) {
                statements = new NdjsonCorpusWriter().write(corpus, out);
            }
            System.out.printf(
                    "Wrote %s: %,d articles, %,d statements in %d ms%n",
                    ndjson, spec.articles(), statements, (System.nanoTime() - t) / 1_000_000);
        }
        System.out.printf("generate took %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
