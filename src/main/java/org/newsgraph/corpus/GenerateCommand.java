package org.newsgraph.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.newsgraph.command.NewsGraphCommand;
import org.springframework.stereotype.Component;

/**
 * {@code generate --seed 42 --scale 1.0 [--ndjson FILE] [--no-load] [--variants [--truth FILE]]}: builds the
 * synthetic benchmark corpus and loads it into the (empty) configured database with COPY, and/or writes it as
 * NDJSON article documents; with {@code --variants} as many outlets would write them, with the ground truth
 * ({@link VariantCorpusWriter}).
 */
@Component
class GenerateCommand implements NewsGraphCommand {

    private final DataSource dataSource;

    GenerateCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String description() {
        return "--seed N --scale X [--ndjson FILE] [--no-load] [--variants [--truth FILE]]: synthetic corpus (scale 1 = 500,000 statements) into an empty database; --variants writes it as many outlets would (NDJSON) with its ground truth";
    }

    @Override
    public int run(List<String> args) throws Exception {
        long seed = 42;
        double scale = 1.0;
        Path ndjson = null;
        Path truth = null;
        boolean load = true;
        boolean variants = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--scale" -> scale = Double.parseDouble(value(args, ++i, "--scale"));
                case "--ndjson" -> ndjson = Path.of(value(args, ++i, "--ndjson"));
                case "--no-load" -> load = false;
                case "--variants" -> variants = true;
                case "--truth" -> truth = Path.of(value(args, ++i, "--truth"));
                default -> {
                    System.err.println("Unknown option " + args.get(i) + "; usage: generate " + description());
                    return 2;
                }
            }
        }
        if (variants && ndjson == null) {
            System.err.println("--variants writes NDJSON: give --ndjson FILE (and --truth FILE)");
            return 2;
        }
        if (variants) load = false; // the variants are for the import, with resolution
        if (variants && truth == null) truth = Path.of(ndjson + ".truth.ndjson");
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
        if (variants) {
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

    private static String value(List<String> args, int i, String option) throws IOException {
        if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
        return args.get(i);
    }
}
