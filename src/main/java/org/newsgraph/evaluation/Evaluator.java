package org.newsgraph.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.newsgraph.evaluation.EvaluationReport.RemarkCoverage;
import org.newsgraph.evaluation.PairwiseScore.Mention;
import org.newsgraph.ingest.ArticleDocument;
import org.newsgraph.ingest.ArticleDocumentReader;
import org.newsgraph.ingest.ArticleImporter;
import org.newsgraph.ingest.CurationService;
import org.newsgraph.ingest.ImportReport;
import org.newsgraph.utterance.UtteranceRelinker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Measures entity resolution against a {@link GroundTruth}: imports the documents through the real import
 * path (unless told they are stored already), reads back from the stored graph what each mention resolved
 * to ({@link StoredResolution}) and scores actors, events and utterances pairwise ({@link PairwiseScore}).
 */
@Component
public class Evaluator {

    private static final int CHUNK = 1_000;
    private static final int LISTED = 15;

    private final ArticleImporter importer;
    private final ArticleDocumentReader reader;
    private final StoredResolution stored;
    private final JdbcClient jdbc;
    private final CurationService curation;
    private final UtteranceRelinker relinker;

    public Evaluator(
            ArticleImporter importer,
            ArticleDocumentReader reader,
            StoredResolution stored,
            JdbcClient jdbc,
            CurationService curation,
            UtteranceRelinker relinker) {
        this.importer = importer;
        this.reader = reader;
        this.stored = stored;
        this.jdbc = jdbc;
        this.curation = curation;
        this.relinker = relinker;
    }

    /**
     * @param importFirst  import the files before reading back; false when they are stored already
     * @param oracleActors before scoring, merge the stored actors of each real-world actor (as the truth says)
     *                     and re-link utterances: measures utterance linking as if actor resolution were perfect
     */
    public record Options(boolean importFirst, int batchSize, boolean oracleActors) {
        public Options(boolean importFirst, int batchSize) {
            this(importFirst, batchSize, false);
        }
    }

    /** The import's report (null when nothing was imported) and the evaluation's. */
    public record Outcome(ImportReport imported, EvaluationReport report) {}

    public Outcome evaluate(List<Path> files, GroundTruth truth, Options options, Consumer<String> failures)
            throws IOException {
        ImportReport imported = null;
        if (options.importFirst()) {
            imported = importer.importFiles(
                    files,
                    new ArticleImporter.Options(false, options.batchSize()),
                    ArticleImporter.reportingTo(failures));
        }
        var truthByUrl = new HashMap<String, GroundTruth.Document>();
        truth.documents().forEach(d -> truthByUrl.put(d.url(), d));
        if (options.oracleActors()) mergeAsTheTruthSays(files, truthByUrl);
        var actors = new ArrayList<Mention>();
        var events = new ArrayList<Mention>();
        var utterances = new ArrayList<Mention>();
        var remarks = new HashMap<String, List<Report>>();
        var seen = new HashSet<String>();
        long[] counts = new long[4];
        var chunk = new ArrayList<ArticleDocument>();
        Runnable flush = () -> {
            var resolved = stored.read(chunk);
            for (var d : chunk) {
                var t = truthByUrl.get(d.url());
                if (t == null || !seen.add(d.url())) continue;
                var r = resolved.get(d.canonicalUrl());
                if (r == null) counts[2]++;
                else counts[3] += r.tracedByName()[0];
                counts[0] += mentions(t.actors(), r == null ? Map.of() : r.actors(), "a", d.url(), actors);
                counts[1] += mentions(t.events(), r == null ? Map.of() : r.events(), "e", d.url(), events);
                for (int i = 0; i < t.statements().size(); i++) {
                    var report = t.statements().get(i);
                    Long u = r == null || i >= r.utterances().size()
                            ? null
                            : r.utterances().get(i);
                    utterances.add(new Mention(report.utterance(), u == null ? "?" + d.url() + "#" + i : "u" + u));
                    if (u != null)
                        remarks.computeIfAbsent(report.remark(), k -> new ArrayList<>())
                                .add(new Report(report.utterance(), u));
                }
            }
            chunk.clear();
        };
        for (var file : files) {
            forEachDocument(file, d -> {
                chunk.add(d);
                if (chunk.size() >= CHUNK) flush.run();
            });
        }
        flush.run();
        // Truth entries whose document was not among the files: every mention unknown.
        for (var t : truth.documents()) {
            if (seen.contains(t.url())) continue;
            counts[2]++;
            counts[0] += mentions(t.actors(), Map.of(), "a", t.url(), actors);
            counts[1] += mentions(t.events(), Map.of(), "e", t.url(), events);
            for (int i = 0; i < t.statements().size(); i++)
                utterances.add(new Mention(t.statements().get(i).utterance(), "?" + t.url() + "#" + i));
        }
        var report = new EvaluationReport(
                PairwiseScore.of(actors),
                PairwiseScore.of(events),
                PairwiseScore.of(utterances),
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                coverage(remarks),
                problems(actors, events, true),
                problems(actors, events, false),
                untraced(actors, events));
        return new Outcome(imported, report);
    }

    /** The oracle: every real-world actor becomes one stored actor, then utterances are linked again. */
    private void mergeAsTheTruthSays(List<Path> files, Map<String, GroundTruth.Document> truthByUrl)
            throws IOException {
        var storedByTruth = new HashMap<String, java.util.TreeSet<Long>>();
        var chunk = new ArrayList<ArticleDocument>();
        Runnable flush = () -> {
            var resolved = stored.read(chunk);
            for (var d : chunk) {
                var t = truthByUrl.get(d.url());
                var r = resolved.get(d.url());
                if (t == null || r == null) continue;
                t.actors().forEach((ref, real) -> {
                    var id = r.actors().get(ref);
                    if (id != null)
                        storedByTruth
                                .computeIfAbsent(real, k -> new java.util.TreeSet<>())
                                .add(id);
                });
            }
            chunk.clear();
        };
        for (var file : files) {
            forEachDocument(file, d -> {
                chunk.add(d);
                if (chunk.size() >= CHUNK) flush.run();
            });
        }
        flush.run();
        // an actor merged away already (two real ones shared it) is skipped, never merged twice
        var gone = new HashSet<Long>();
        for (var ids : storedByTruth.values()) {
            var keep = ids.first();
            if (gone.contains(keep)) continue;
            for (var id : ids.tailSet(keep, false)) {
                if (!gone.add(id)) continue;
                try {
                    curation.mergeActors(keep, id);
                } catch (RuntimeException e) {
                    gone.remove(id); // left apart: the score shows it
                }
            }
        }
        relinker.relinkAll();
    }

    private static long mentions(
            Map<String, String> truth, Map<String, Long> resolved, String prefix, String url, List<Mention> out) {
        long unknown = 0;
        for (var entry : truth.entrySet()) {
            var id = resolved.get(entry.getKey());
            if (id == null) unknown++;
            out.add(new Mention(entry.getValue(), id == null ? "?" + url + "#" + entry.getKey() : prefix + id));
        }
        return unknown;
    }

    private void forEachDocument(Path file, Consumer<ArticleDocument> consumer) throws IOException {
        if (file.getFileName().toString().endsWith(".json")) {
            consumer.accept(readQuietly(Files.readString(file, StandardCharsets.UTF_8)));
            return;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank()) consumer.accept(readQuietly(line));
            }
        }
    }

    private ArticleDocument readQuietly(String json) {
        try {
            return reader.read(json);
        } catch (RuntimeException e) {
            // the import reported it; it has no stored article to read back
            return new ArticleDocument(null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * Reports of one remark that the truth counts as different utterances: linked (same stored utterance)
     * or offered to a curator (an open or confirmed candidate between their utterances).
     */
    private RemarkCoverage coverage(Map<String, List<Report>> remarks) {
        boolean candidatesStored = jdbc.sql("select to_regclass('utterance_candidates') is not null")
                .query(Boolean.class)
                .single();
        Set<String> candidates = new HashSet<>();
        if (candidatesStored) {
            jdbc.sql("select utterance_id, other_utterance_id from utterance_candidates where status <> 'REJECTED'")
                    .query((rs, n) -> candidates.add(pair(rs.getLong(1), rs.getLong(2))))
                    .list();
        }
        long pairs = 0, linked = 0, offered = 0;
        for (var reports : remarks.values()) {
            int n = Math.min(reports.size(), 200);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    var a = reports.get(i);
                    var b = reports.get(j);
                    if (a.utterance().equals(b.utterance())) continue;
                    pairs++;
                    if (a.stored() == b.stored()) linked++;
                    else if (candidates.contains(pair(a.stored(), b.stored()))) offered++;
                }
            }
        }
        return new RemarkCoverage(pairs, linked, offered);
    }

    /** A traced report: its true utterance and the stored one (negative: a statement without utterance). */
    private record Report(String utterance, long stored) {}

    private static List<String> untraced(List<Mention> actors, List<Mention> events) {
        var out = new ArrayList<String>();
        for (var mentions : List.of(actors, events))
            for (var m : mentions)
                if (m.predicted().startsWith("?") && out.size() < LISTED)
                    out.add(m.predicted().substring(1) + " (" + m.truth() + ")");
        return out;
    }

    private static String pair(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** The worst false merges (merges = true) or splits, by the pairs they cost, with stored names. */
    private List<String> problems(List<Mention> actors, List<Mention> events, boolean merges) {
        var lines = new ArrayList<Scored>();
        for (var mentions : List.of(actors, events)) {
            var groups = new HashMap<String, Map<String, Integer>>();
            for (var m : mentions) {
                if (m.predicted().startsWith("?")) continue;
                var key = merges ? m.predicted() : m.truth();
                var other = merges ? m.truth() : m.predicted();
                groups.computeIfAbsent(key, k -> new TreeMap<>()).merge(other, 1, Integer::sum);
            }
            for (var g : groups.entrySet()) {
                if (g.getValue().size() < 2) continue;
                long total = 0, inside = 0;
                for (int c : g.getValue().values()) {
                    total += c;
                    inside += (long) c * (c - 1) / 2;
                }
                long cost = total * (total - 1) / 2 - inside;
                lines.add(new Scored(cost, g.getKey(), g.getValue()));
            }
        }
        lines.sort(Comparator.comparingLong(Scored::cost).reversed().thenComparing(Scored::key));
        var top = lines.subList(0, Math.min(LISTED, lines.size()));
        var names = names(top, merges);
        var out = new ArrayList<String>();
        for (var s : top) {
            var parts = new ArrayList<String>();
            s.members().forEach((k, c) -> parts.add((merges ? k : names.getOrDefault(k, k)) + " x" + c));
            out.add((merges ? names.getOrDefault(s.key(), s.key()) : s.key()) + " (" + s.cost() + " pairs): "
                    + String.join(", ", parts));
        }
        return out;
    }

    private record Scored(long cost, String key, Map<String, Integer> members) {}

    /** "a12" -> "actor 12 'Name'", "e7" -> "event 7 'Title'". */
    private Map<String, String> names(List<Scored> scored, boolean merges) {
        var actorIds = new ArrayList<Long>();
        var eventIds = new ArrayList<Long>();
        for (var s : scored) {
            var keys = merges ? List.of(s.key()) : List.copyOf(s.members().keySet());
            for (var k : keys) {
                if (k.startsWith("a")) actorIds.add(Long.parseLong(k.substring(1)));
                else if (k.startsWith("e")) eventIds.add(Long.parseLong(k.substring(1)));
            }
        }
        var names = new LinkedHashMap<String, String>();
        jdbc.sql("select id, name from actors where id = any(?)")
                .param(actorIds.toArray(Long[]::new))
                .query((rs, n) ->
                        names.put("a" + rs.getLong(1), "actor " + rs.getLong(1) + " '" + rs.getString(2) + "'"))
                .list();
        jdbc.sql("select id, title, starts_on from events where id = any(?)")
                .param(eventIds.toArray(Long[]::new))
                .query((rs, n) -> names.put(
                        "e" + rs.getLong(1),
                        "event " + rs.getLong(1) + " '" + rs.getString(2) + "' " + rs.getObject(3)))
                .list();
        return names;
    }
}
