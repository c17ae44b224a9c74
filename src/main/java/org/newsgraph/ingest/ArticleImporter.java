package org.newsgraph.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The bulk import: streams article documents (NDJSON files, one article per line, or {@code .json}
 * files of one article each) through {@link IngestService#ingestBatch} in batches, one transaction per
 * batch (new articles set-based; a savepoint per article when one of them fails). Batches are written on a thread of
 * their own, in input order, while the calling thread reads, parses, checks and hashes the next one ({@link
 * IngestService#prepare}): on two cores the two overlap. Memory use is bounded by a few batches, whatever the input
 * size. A bad line is reported with its location and skipped; with {@code failFast} the import stops there (what
 * came before it is committed; then every batch is written on the calling thread). The demo dataset is loaded
 * through here too.
 */
@Component
public class ArticleImporter {

    /**
     * @param batchSize articles per transaction
     * @param threads   batches written in parallel, each on a connection of its own; with {@code failFast}
     *                  always 1, so that nothing after the first failure lands
     */
    public record Options(boolean failFast, int batchSize, int threads) {
        public Options {
            if (batchSize < 1) throw new IllegalArgumentException("the batch size must be at least 1");
            if (threads < 1) throw new IllegalArgumentException("at least one thread");
            if (failFast) threads = 1;
        }

        public Options(boolean failFast, int batchSize) {
            this(failFast, batchSize, 1);
        }
    }

    /** One document to import and where it came from ({@code file:line}), for error messages. */
    public record Source(String location, String json) {}

    /** Told after every batch how far the import is, and of every failure. */
    public interface Listener {
        default void progress(ImportReport report, long bytesDone, long bytesTotal) {}

        void failed(String location, List<IngestProblem> problems);
    }

    private final IngestService ingest;
    private final ArticleDocumentReader reader;

    public ArticleImporter(IngestService ingest, ArticleDocumentReader reader) {
        this.ingest = ingest;
        this.reader = reader;
    }

    /** The files to read for the given arguments: files as given, directories walked in name order. */
    public static List<Path> inputFiles(List<Path> paths) throws IOException {
        var files = new ArrayList<Path>();
        for (var path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> {
                                var name = p.getFileName().toString();
                                return name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json");
                            })
                            .sorted(Comparator.comparing(Path::toString))
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("no such file or directory: " + path);
            }
        }
        return files;
    }

    /** Imports the files; NDJSON unless the name ends in {@code .json} (then the file is one document). */
    public ImportReport importFiles(List<Path> files, Options options, Listener listener) throws IOException {
        long total = 0;
        for (var file : files) total += Files.size(file);
        var run = new Run(options, listener, total);
        try {
            for (var file : files) {
                if (run.stopped) break;
                try (var counting = new CountingStream(Files.newInputStream(file), run)) {
                    if (file.getFileName().toString().endsWith(".json")) {
                        run.add(new Source(
                                file.toString(), new String(counting.readAllBytes(), StandardCharsets.UTF_8)));
                    } else {
                        var lines =
                                new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
                        int number = 0;
                        for (String line; !run.stopped && (line = lines.readLine()) != null; ) {
                            number++;
                            if (line.isBlank()) continue;
                            run.add(new Source(file + ":" + number, line));
                        }
                    }
                }
            }
            return run.finish();
        } finally {
            run.close();
        }
    }

    /** Imports documents from anywhere (the demo dataset on the classpath). */
    public ImportReport importSources(Iterable<Source> sources, Options options, Listener listener) {
        var run = new Run(options, listener, 0);
        try {
            for (var source : sources) {
                if (run.stopped) break;
                run.add(source);
            }
            return run.finish();
        } finally {
            run.close();
        }
    }

    private final class Run {
        final Options options;
        final Listener listener;
        final long bytesTotal;
        long bytesDone;
        final long started = System.nanoTime();
        final List<Source> pendingSources = new ArrayList<>();
        final List<ArticleDocument> pending = new ArrayList<>();
        final ImportReport.Counter counts = new ImportReport.Counter();
        boolean stopped;

        // Batches are written on a pool (one thread unless --threads says more, so in input order), while this thread
        // reads, parses, checks and hashes the next batch; the permits bound how many wait or run (memory). With
        // failFast, on this thread: nothing after the first failure is read.
        final ExecutorService pool;
        final Semaphore inFlight;
        RuntimeException workerFailure;

        Run(Options options, Listener listener, long bytesTotal) {
            this.options = options;
            this.listener = listener;
            this.bytesTotal = bytesTotal;
            this.pool = options.failFast()
                    ? null
                    : Executors.newFixedThreadPool(options.threads(), r -> {
                        var thread = new Thread(r, "newsgraph-import");
                        thread.setDaemon(true);
                        return thread;
                    });
            this.inFlight = new Semaphore(options.threads() * 2);
        }

        void add(Source source) {
            ArticleDocument document;
            try {
                document = reader.read(source.json());
            } catch (JacksonException e) {
                // Lines before this one land before it is reported, so --fail-fast keeps them.
                flush();
                drain();
                if (stopped) return;
                fail(source, List.of(new IngestProblem(jsonPath(e), "MALFORMED", e.getOriginalMessage())));
                return;
            }
            pendingSources.add(source);
            pending.add(document);
            if (pending.size() >= options.batchSize()) flush();
        }

        void flush() {
            if (pending.isEmpty()) return;
            var batch = ingest.prepare(List.copyOf(pending));
            var sources = List.copyOf(pendingSources);
            pending.clear();
            pendingSources.clear();
            if (pool == null) {
                write(batch, sources);
                return;
            }
            inFlight.acquireUninterruptibly();
            rethrowWorkerFailure();
            pool.execute(() -> {
                try {
                    synchronized (this) {
                        if (workerFailure != null) return;
                    }
                    write(batch, sources);
                } catch (RuntimeException e) {
                    synchronized (this) {
                        if (workerFailure == null) workerFailure = e;
                    }
                } finally {
                    inFlight.release();
                }
            });
        }

        /** Waits until every batch handed to the pool is written (a failure is then reported in input order). */
        void drain() {
            if (pool == null) return;
            int permits = options.threads() * 2;
            inFlight.acquireUninterruptibly(permits);
            inFlight.release(permits);
            rethrowWorkerFailure();
        }

        synchronized void rethrowWorkerFailure() {
            if (workerFailure != null) throw workerFailure;
        }

        void write(IngestService.PreparedBatch batch, List<Source> sources) {
            var items = ingest.ingestBatch(batch, options.failFast());
            synchronized (this) {
                for (int i = 0; i < items.size(); i++) {
                    var item = items.get(i);
                    if (item.failed()) fail(sources.get(i), item.problems());
                    else counts.add(item.result());
                }
                listener.progress(report(), bytesDone, bytesTotal);
            }
        }

        synchronized void fail(Source source, List<IngestProblem> problems) {
            counts.failed++;
            listener.failed(source.location(), problems);
            if (options.failFast()) stopped = true;
        }

        /**
         * Waits for the batches handed to the pool and ends its threads; also when reading failed half-way, so that no
         * batch is still being written when the import returns. Idempotent.
         */
        void close() {
            if (pool == null || pool.isTerminated()) return;
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a batch is still being written
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the last batches were written", e);
            }
        }

        synchronized ImportReport report() {
            return counts.report(System.nanoTime() - started);
        }

        ImportReport finish() {
            if (!stopped) flush();
            close();
            rethrowWorkerFailure();
            ingest.awaitDurable();
            synchronized (this) {
                return report();
            }
        }
    }

    private static String jsonPath(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getIndex() >= 0)
                path.append('[').append(reference.getIndex()).append(']');
            else if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    /** Counts the bytes read, for progress and ETA. */
    private static final class CountingStream extends FilterInputStream {
        private final Run run;

        CountingStream(InputStream in, Run run) {
            super(in);
            this.run = run;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) run.bytesDone++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) run.bytesDone += n;
            return n;
        }
    }

    /** Logs every failure through the given consumer, one line per problem. */
    public static Listener reportingTo(Consumer<String> out) {
        return (location, problems) -> {
            for (var problem : problems) {
                out.accept(location + ": " + (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.code()
                        + ": " + problem.message());
            }
        };
    }
}
