package org.newsgraph.ingest;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;

import org.springframework.stereotype.Component;

/**
 * The bulk import: streams article documents (NDJSON files, one article per line, or {@code .json}
 * files of one article each) through {@link IngestService#ingestBatch} in batches, one transaction per
 * batch (new articles set-based; a savepoint per article when one of them fails). A reader thread reads, parses,
 * validates and hashes the next batches while the calling thread writes this one ({@link #BATCHES_AHEAD} batches
 * handed over at most, so memory use is bounded by a few batches, whatever the input size). A bad
 * line is reported with its location and skipped; with {@code failFast} the import stops there (what came
 * before it is committed). The demo dataset is loaded through here too.
 */
@Component
public class ArticleImporter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ArticleImporter.class);

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
    public record Source(String location, String json) {
    }

    /** Told after every batch how far the import is, and of every failure. */
    public interface Listener {
        default void progress(ImportReport report, long bytesDone, long bytesTotal) {
        }

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
        return new Run(options, listener, total).run(reading -> {
            for (var file : files) {
                if (reading.stopped()) break;
                try (var counting = new CountingStream(Files.newInputStream(file), reading)) {
                    if (file.getFileName().toString().endsWith(".json")) {
                        reading.add(new Source(file.toString(), new String(counting.readAllBytes(), StandardCharsets.UTF_8)));
                    } else {
                        var lines = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
                        int number = 0;
                        for (String line; !reading.stopped() && (line = lines.readLine()) != null; ) {
                            number++;
                            if (line.isBlank()) continue;
                            reading.add(new Source(file + ":" + number, line));
                        }
                    }
                }
            }
        });
    }

    /** Imports documents from anywhere (the demo dataset on the classpath). */
    public ImportReport importSources(Iterable<Source> sources, Options options, Listener listener) {
        try {
            return new Run(options, listener, 0).run(reading -> {
                for (var source : sources) {
                    if (reading.stopped()) break;
                    reading.add(source);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sources are in memory: not thrown
        }
    }

    /** What the reader thread does: hands every document it reads to {@link Reading#add}, in order. */
    @FunctionalInterface
    private interface Producer {
        void produce(Reading reading) throws IOException;
    }

    /**
     * What the reader thread hands to the writer, in input order: a batch ready to write, a line that is not
     * an article document, the end of the input, or the exception that ended reading.
     */
    private sealed interface Item {
    }

    private record Batch(List<IngestService.Prepared> documents, List<Source> sources, long bytesDone) implements Item {
    }

    private record Malformed(Source source, IngestProblem problem) implements Item {
    }

    private record End() implements Item {
    }

    private record ReadFailed(Throwable cause) implements Item {
    }

    /** Batches handed over but not yet taken by the writer: bounds memory to a few batches, whatever the input. */
    static final int BATCHES_AHEAD = 2;

    /**
     * One import. A reader thread reads, parses, validates and hashes documents and hands them over in
     * batches through a bounded queue; the calling thread writes the batches in order (or, with several
     * threads, hands them to a pool), so the database does not wait for the next batch to be read. Batch
     * boundaries, the order of writes, the reports and the exceptions are those of reading and writing in
     * one thread: a malformed line ends the batch before it, and is reported after that batch is written;
     * an exception of the reader is thrown by {@link #run} once the batches read before it are written.
     */
    private final class Run {
        final Options options;
        final Listener listener;
        final long bytesTotal;
        final long started = System.nanoTime();
        long writerWaited;
        final ImportReport.Counter counts = new ImportReport.Counter();
        final BlockingQueue<Item> handedOver = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        /** Set by the writer at a --fail-fast failure or when it ends early; the reader stops reading. */
        volatile boolean stopped;

        // With several threads: batches go to a pool; the permits bound how many wait or run (memory).
        final ExecutorService pool;
        final Semaphore inFlight;
        RuntimeException workerFailure;

        Run(Options options, Listener listener, long bytesTotal) {
            this.options = options;
            this.listener = listener;
            this.bytesTotal = bytesTotal;
            this.pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads()) : null;
            this.inFlight = new Semaphore(options.threads() * 2);
        }

        ImportReport run(Producer producer) throws IOException {
            var reading = new Reading(this);
            var reader = new Thread(() -> {
                long from = System.nanoTime();
                try {
                    producer.produce(reading);
                    reading.flush();
                    reading.handOver(new End());
                } catch (Throwable e) {
                    reading.handOver(new ReadFailed(e));
                } finally {
                    reading.busy = System.nanoTime() - from - reading.waited;
                }
            }, "import-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                while (!stopped) {
                    long waitFrom = System.nanoTime();
                    var item = handedOver.take();
                    writerWaited += System.nanoTime() - waitFrom;
                    if (item instanceof Batch batch) write(batch);
                    else if (item instanceof Malformed malformed) fail(malformed.source(), List.of(malformed.problem()));
                    else if (item instanceof ReadFailed failed) throw rethrow(failed.cause());
                    else break; // End
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while importing", e);
            } finally {
                // Ends the reader however the writer ended (done, --fail-fast, an exception): it stops at its next
                // document or hand-over, so no thread and no open file outlives the import.
                stopped = true;
                handedOver.clear();
                joinUninterruptibly(reader);
                awaitPool();
            }
            if (workerFailure != null) throw workerFailure;
            ingest.awaitDurable();
            log.debug("Import: the reader was busy {} ms (parsing {} ms) and waited {} ms for the writer; the writer waited {} ms for it",
                    reading.busy / 1_000_000, reading.parsing / 1_000_000, reading.waited / 1_000_000, writerWaited / 1_000_000);
            synchronized (this) {
                return report();
            }
        }

        void write(Batch batch) {
            if (pool == null) {
                write(batch.documents(), batch.sources(), batch.bytesDone());
                return;
            }
            inFlight.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    write(batch.documents(), batch.sources(), batch.bytesDone());
                } catch (RuntimeException e) {
                    synchronized (this) {
                        if (workerFailure == null) workerFailure = e;
                    }
                } finally {
                    inFlight.release();
                }
            });
        }

        void write(List<IngestService.Prepared> documents, List<Source> sources, long bytesDone) {
            var items = ingest.ingestPrepared(documents, options.failFast());
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

        synchronized ImportReport report() {
            return counts.report(System.nanoTime() - started);
        }

        void awaitPool() {
            if (pool == null) return;
            pool.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) break;
                    // a batch is still being written
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the last batches were written");
            }
        }
    }

    /** The reader thread's side of a {@link Run}: parses, prepares and batches the documents, hands batches over. */
    private final class Reading {
        final Run run;
        final List<Source> pendingSources = new ArrayList<>();
        final List<IngestService.Prepared> pending = new ArrayList<>();
        long bytesDone;
        /** Nanoseconds reading, parsing, waiting for room in the queue (for the debug log; read after the reader ended). */
        long busy, parsing, waited;

        Reading(Run run) {
            this.run = run;
        }

        boolean stopped() {
            return run.stopped;
        }

        void add(Source source) {
            ArticleDocument document;
            long from = System.nanoTime();
            try {
                document = reader.read(source.json());
                parsing += System.nanoTime() - from;
            } catch (JacksonException e) {
                // Lines before this one land before it is reported, so --fail-fast keeps them.
                flush();
                handOver(new Malformed(source, new IngestProblem(jsonPath(e), "MALFORMED", e.getOriginalMessage())));
                return;
            }
            pendingSources.add(source);
            pending.add(ingest.prepare(document));
            if (pending.size() >= run.options.batchSize()) flush();
        }

        void flush() {
            if (pending.isEmpty()) return;
            var batch = new Batch(List.copyOf(pending), List.copyOf(pendingSources), bytesDone);
            pending.clear();
            pendingSources.clear();
            handOver(batch);
        }

        /** Waits for room in the queue; gives up (the item is not needed) once the writer has stopped. */
        void handOver(Item item) {
            long from = System.nanoTime();
            try {
                while (!run.stopped) {
                    if (run.handedOver.offer(item, 50, TimeUnit.MILLISECONDS)) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waited += System.nanoTime() - from;
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** An exception of the reader thread, thrown as it is by the writer's. */
    private static RuntimeException rethrow(Throwable e) throws IOException {
        if (e instanceof IOException io) throw io;
        if (e instanceof RuntimeException runtime) throw runtime;
        if (e instanceof Error error) throw error;
        throw new IllegalStateException(e);
    }

    static String jsonPath(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getIndex() >= 0) path.append('[').append(reference.getIndex()).append(']');
            else if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    /** Counts the bytes read, for progress and ETA. */
    private static final class CountingStream extends FilterInputStream {
        private final Reading run;

        CountingStream(InputStream in, Reading run) {
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
                out.accept(location + ": " + (problem.path().isEmpty() ? "" : problem.path() + ": ")
                        + problem.code() + ": " + problem.message());
            }
        };
    }
}
