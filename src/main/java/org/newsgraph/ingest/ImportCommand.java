package org.newsgraph.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.newsgraph.command.NewsGraphCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar newsgraph.jar import FILE_OR_DIR... [--fail-fast] [--batch-size N] [--threads N]}: the bulk
 * import. {@code --threads} writes that many batches in parallel (not with {@code --fail-fast}).
 * Exit code 0 when every article landed, 1 when any failed, 2 for a usage error.
 */
@Component
@Command(
        name = "import",
        description =
                "FILE_OR_DIR... [--fail-fast] [--batch-size N] [--threads N]: load NDJSON articles (one per line)")
class ImportCommand implements NewsGraphCommand<ImportCommand.Options> {

    private static final Logger log = LoggerFactory.getLogger(ImportCommand.class);
    static final int DEFAULT_BATCH_SIZE = 100;

    /** The arguments. */
    static final class Options {
        @Parameters(paramLabel = "FILE_OR_DIR")
        List<Path> paths = new ArrayList<>();

        @Option(names = "--fail-fast", description = "stop at the first article that fails")
        boolean failFast;

        @Option(names = "--batch-size", description = "articles per transaction (default 100)")
        int batchSize = DEFAULT_BATCH_SIZE;

        @Option(names = "--threads", description = "batches written in parallel (default 1)")
        int threads = 1;
    }

    private final ArticleImporter importer;

    ImportCommand(ArticleImporter importer) {
        this.importer = importer;
    }

    @Override
    public int execute(Options options) throws Exception {
        var paths = options.paths;
        boolean failFast = options.failFast;
        int batchSize = options.batchSize;
        int threads = options.threads;
        if (paths.isEmpty()) return usage("no file or directory given");
        if (batchSize < 1 || batchSize > 10_000) return usage("--batch-size must be between 1 and 10000");
        if (threads < 1 || threads > 32) return usage("--threads must be between 1 and 32");

        List<Path> files;
        try {
            files = ArticleImporter.inputFiles(paths);
        } catch (java.io.IOException e) {
            return usage(e.getMessage());
        }
        var err = System.err;
        var progress = System.console() != null ? new ProgressBar(err) : new ProgressLog();
        var failures = ArticleImporter.reportingTo(line -> {
            progress.clear();
            err.println(line);
        });
        var report = importer.importFiles(
                files, new ArticleImporter.Options(failFast, batchSize, threads), new ArticleImporter.Listener() {
                    @Override
                    public void progress(ImportReport report, long done, long total) {
                        progress.show(report, done, total);
                    }

                    @Override
                    public void failed(String location, List<IngestProblem> problems) {
                        failures.failed(location, problems);
                    }
                });
        progress.clear();
        System.out.println(report.summary());
        if (report.articlesFailed() > 0 && failFast) err.println("Stopped at the first failure (--fail-fast).");
        return report.articlesFailed() > 0 ? 1 : 0;
    }

    private interface Progress {
        void show(ImportReport report, long done, long total);

        default void clear() {}
    }

    /** A one-line bar redrawn in place on a terminal, at most five times a second. */
    private static final class ProgressBar implements Progress {
        private final PrintStream out;
        private long lastDrawn;
        private boolean drawn;

        ProgressBar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void show(ImportReport report, long done, long total) {
            long now = System.nanoTime();
            if (now - lastDrawn < 200_000_000L) return;
            lastDrawn = now;
            double fraction = total == 0 ? 0 : Math.min(1, (double) done / total);
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                    + String.format(
                            Locale.ROOT,
                            "%3.0f%% %,d articles %,.0f statements/s ETA %s   ",
                            fraction * 100,
                            report.articles(),
                            report.statementsPerSecond(),
                            eta(report.elapsed(), fraction)));
            out.flush();
            drawn = true;
        }

        @Override
        public void clear() {
            if (drawn) {
                out.print("\r" + " ".repeat(100) + "\r");
                out.flush();
                drawn = false;
            }
        }
    }

    /** Without a terminal: a log line every ten seconds. */
    private static final class ProgressLog implements Progress {
        private long lastLogged = System.nanoTime();

        @Override
        public void show(ImportReport report, long done, long total) {
            long now = System.nanoTime();
            if (now - lastLogged < 10_000_000_000L) return;
            lastLogged = now;
            double fraction = total == 0 ? 0 : Math.min(1, (double) done / total);
            log.info(String.format(
                    Locale.ROOT,
                    "Import %.0f%%: %,d articles (%,d failed), %,d statements, %,.0f statements/s, ETA %s",
                    fraction * 100,
                    report.articles(),
                    report.articlesFailed(),
                    report.statements(),
                    report.statementsPerSecond(),
                    eta(report.elapsed(), fraction)));
        }
    }

    static String eta(Duration elapsed, double fraction) {
        if (fraction <= 0) return "?";
        long seconds = Math.round(elapsed.toNanos() / 1e9 * (1 - fraction) / fraction);
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
