package org.newsgraph.utterance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.statement.StatementKind;
import org.newsgraph.utterance.UtteranceMatcher.Report;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Links statements to utterances ({@code utterance_reports}): every statement of the given articles that
 * reports no utterance yet joins the best matching utterance of its speaker ({@link UtteranceMatcher}) or
 * starts one, and pairs that may be one remark in other words become candidates. Set-based: a handful of
 * SQL statements per call, whatever the number of articles, so the bulk import calls it once per batch, in
 * the batch's transaction. Reports are processed in statement order (the order they were written), so a
 * batch links like the same articles one by one; an earlier link is kept ({@link UtteranceRelinker}
 * recomputes all). A new utterance takes the ID of the statement that starts it.
 */
@Service
public class UtteranceLinker {

    /** At most this many candidates per new report (the most similar). */
    static final int CANDIDATES_PER_REPORT = 5;
    /**
     * How many days before a dated report the pool reaches: the slack of quoted words ({@link
     * UtteranceMatcher#QUOTE_SLACK_DAYS}). Narrow on purpose (the pool of a speaker who says dozens of things a day is
     * read for every report): a DAY report does not see a WEEK report that began more than that earlier, but that
     * WEEK report, arriving later, sees the DAY one.
     */
    private static final int DAYS_BEFORE = UtteranceMatcher.QUOTE_SLACK_DAYS;

    private static final String REPORT_COLUMNS = """
            s.id, s.speaker_id, s.article_id, s.kind, s.said_on, s.said_on_precision,
            array(select e.event_id from statement_events e where e.statement_id = s.id) as events""";

    private final JdbcClient jdbc;

    public UtteranceLinker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links the unlinked statements of these articles; call inside the transaction that wrote them. */
    public void linkArticles(Collection<Long> articleIds) {
        if (articleIds.isEmpty()) return;
        var incoming = jdbc.sql("select " + REPORT_COLUMNS + ", s.text from statements s"
                        + " where s.article_id = any(?)"
                        + " and not exists (select 1 from utterance_reports r where r.statement_id = s.id)"
                        + " order by s.id")
                .param(articleIds.stream().mapToLong(Long::longValue).toArray())
                .query((rs, n) -> {
                    var kind = StatementKind.valueOf(rs.getString("kind"));
                    return report(rs, 0, QuoteWords.of(rs.getString("text"), kind));
                })
                .list();
        if (incoming.isEmpty()) return;
        var pool = pool(incoming);
        var decided = new ArrayList<Report>(incoming.size());
        var links = new ArrayList<UtteranceMatcher.Link>(incoming.size());
        var candidates = new LinkedHashMap<String, double[]>();
        var alikeFirst = new ArrayList<Boolean>(incoming.size());
        for (var report : incoming) {
            var speakerPool = pool.computeIfAbsent(report.speaker(), k -> new ArrayList<>());
            var link = link(report, speakerPool, candidates);
            var placed = report.of(link.utterance());
            alikeFirst.add(alikeFirst(placed, speakerPool));
            speakerPool.add(placed);
            decided.add(placed);
            links.add(link);
        }
        write(decided, links, alikeFirst, candidates.values());
    }

    /**
     * The utterance of the speaker's pool the report joins (or its own: FIRST), and its candidates: the most similar
     * other utterances of the speaker about a common event. A method of its own, called once per report: the
     * compiler (JIT) compiles it once, instead of compiling the whole of {@link #linkArticles} again while its loop
     * runs.
     */
    private static UtteranceMatcher.Link link(
            Report report, List<Report> speakerPool, Map<String, double[]> candidates) {
        var link = UtteranceMatcher.best(report, speakerPool);
        if (link == null) link = new UtteranceMatcher.Link(report.statement(), "FIRST", 1.0);
        var placed = report.of(link.utterance());
        var scored = new ArrayList<double[]>();
        var seen = new HashSet<Long>();
        for (var other : speakerPool) {
            double score = UtteranceMatcher.candidate(placed, other);
            if (score >= 0 && seen.add(other.utterance())) scored.add(new double[] {other.utterance(), score});
        }
        scored.sort((x, y) -> Double.compare(y[1], x[1]));
        for (var s : scored.subList(0, Math.min(CANDIDATES_PER_REPORT, scored.size()))) {
            long a = Math.min(placed.utterance(), (long) s[0]);
            long b = Math.max(placed.utterance(), (long) s[0]);
            candidates.merge(a + ":" + b, new double[] {a, b, s[1]}, (x, y) -> x[2] >= y[2] ? x : y);
        }
        return link;
    }

    /**
     * Whether the pools must still read this report ({@code utterance_reports.alike_first}): false when, of the
     * reports alike to it ({@link #firstOfAlike}) among those its speaker's pool holds (the pool query keeps the first
     * and the first of another article of every stored group; the run's own reports are all there), an earlier one
     * of its article is the group's first, or earlier ones of two articles are kept. Reports of several events are
     * always read: the pools compare events as an array in the order read.
     */
    static boolean alikeFirst(Report report, List<Report> pool) {
        if (report.events().size() > 1) return true;
        var first = report;
        var alike = new ArrayList<Report>();
        for (var other : pool) {
            if (!alike(other, report)) continue;
            alike.add(other);
            if (other.statement() < first.statement()) first = other;
        }
        if (first == report) return true;
        if (first.article() == report.article()) return false;
        var second = report;
        for (var other : alike)
            if (other.article() != first.article() && other.statement() < second.statement()) second = other;
        return second == report;
    }

    /** Alike in everything {@link #firstOfAlike} partitions by (the article aside). */
    private static boolean alike(Report a, Report b) {
        return a.utterance() == b.utterance()
                && a.speaker() == b.speaker()
                && a.kind() == b.kind()
                && a.words().equals(b.words())
                && Objects.equals(a.saidOn(), b.saidOn())
                && a.precision() == b.precision()
                && a.events().equals(b.events());
    }

    private void write(
            List<Report> reports,
            List<UtteranceMatcher.Link> links,
            List<Boolean> alikeFirst,
            Collection<double[]> candidates) {
        // a new utterance takes the ID of the statement that starts it
        var created = new ArrayList<Long>();
        for (int i = 0; i < reports.size(); i++)
            if (links.get(i).how().equals("FIRST")) created.add(reports.get(i).statement());
        if (!created.isEmpty()) {
            jdbc.sql("insert into utterances (id) select unnest(?::bigint[])")
                    .param(created.stream().mapToLong(Long::longValue).toArray())
                    .update();
        }
        int n = reports.size();
        var statements = new long[n];
        var utterances = new long[n];
        var how = new String[n];
        var scores = new Double[n];
        var words = new String[n];
        for (int i = 0; i < n; i++) {
            statements[i] = reports.get(i).statement();
            utterances[i] = reports.get(i).utterance();
            how[i] = links.get(i).how();
            scores[i] = links.get(i).score();
            words[i] = reports.get(i).words();
        }
        jdbc.sql("""
                        insert into utterance_reports (statement_id, utterance_id, link, score, words, alike_first)
                        select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::real[], ?::text[], ?::boolean[])
                        """)
                .params(statements, utterances, how, scores, words, alikeFirst.toArray(Boolean[]::new))
                .update();
        if (candidates.isEmpty()) return;
        var firsts = new ArrayList<Long>();
        var seconds = new ArrayList<Long>();
        var candidateScores = new ArrayList<Double>();
        for (var c : candidates) {
            long a = (long) c[0], b = (long) c[1];
            firsts.add(Math.min(a, b));
            seconds.add(Math.max(a, b));
            candidateScores.add(Math.max(0, Math.min(1, c[2])));
        }
        jdbc.sql("""
                        insert into utterance_candidates (utterance_id, other_utterance_id, reason, score)
                        select u, o, 'SAME_SPEAKER_EVENT_DAY', s from unnest(?::bigint[], ?::bigint[], ?::real[]) as c(u, o, s)
                        on conflict do nothing
                        """)
                .params(
                        firsts.toArray(Long[]::new),
                        seconds.toArray(Long[]::new),
                        candidateScores.toArray(Double[]::new))
                .update();
    }

    /**
     * The stored reports the incoming ones may join, by speaker: the same words (any date), and every
     * report of the speaker dated near an incoming dated one, of the same class (quotes with quotes,
     * paraphrases with paraphrases: across the classes only the same words link).
     */
    private Map<Long, List<Report>> pool(List<Report> incoming) {
        var found = new LinkedHashMap<Long, Report>();
        var hashes = new HashSet<String>();
        var speakers = new HashSet<Long>();
        var windows = new LinkedHashMap<String, Object[]>();
        for (var r : incoming) {
            hashes.add(md5(r.words()));
            speakers.add(r.speaker());
            if (r.saidOn() != null) {
                // DAYS_BEFORE of slack either side; a WEEK (MONTH) report reaches over its whole period
                var lo = r.saidOn().minusDays(DAYS_BEFORE);
                var hi = UtteranceMatcher.end(r.saidOn(), r.precision()).plusDays(DAYS_BEFORE);
                boolean paraphrase = r.kind() == StatementKind.PARAPHRASE;
                windows.putIfAbsent(
                        r.speaker() + ":" + lo + ":" + hi + ":" + paraphrase,
                        new Object[] {r.speaker(), lo, hi, paraphrase});
            }
        }
        // The reports of these words first (utterance_reports_words_first), then each one's statement by its key: a
        // plain join let the planner read every statement of the speakers (tens of thousands of rows per batch
        // for the most quoted ones) to keep the few whose words matched. Alike reports: see firstOfAlike; of those
        // only the ones marked alike_first are read (see alikeFirst and V100): the others are dropped by it anyway.
        jdbc.sql(firstOfAlike("select " + REPORT_COLUMNS + ", 0 as n, r.utterance_id, r.words from utterance_reports r"
                        + " cross join lateral (select * from statements s where s.id = r.statement_id"
                        + " and s.speaker_id = any(?) offset 0) s"
                        + " where md5(r.words) = any(?) and r.alike_first"))
                .params(speakers.stream().mapToLong(Long::longValue).toArray(), hashes.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getLong("id"), stored(rs)))
                .list();
        if (!windows.isEmpty()) {
            var w = windows.values();
            // In the order the windows are given, a statement once (at its first window); alike reports as above.
            jdbc.sql(firstOfAlike("select distinct on (s.id) " + REPORT_COLUMNS + ", q.n, r.utterance_id, r.words"
                            + " from unnest(?::bigint[], ?::text[]::date[], ?::text[]::date[], ?::boolean[])"
                            + " with ordinality as q(speaker, lo, hi, paraphrase, n)"
                            // the form of statements_speaker_keyset, so that the dates are a range of it
                            + " join statements s on s.speaker_id = q.speaker"
                            + " and coalesce(s.said_on, '-infinity'::date) between q.lo and q.hi"
                            + " and (s.kind = 'PARAPHRASE') = q.paraphrase"
                            // alike reports share speaker, kind and date, so a window: its kept ones are enough
                            + " join utterance_reports r on r.statement_id = s.id and r.alike_first"
                            + " order by s.id, q.n"))
                    .params(
                            w.stream().mapToLong(o -> (Long) o[0]).toArray(),
                            w.stream().map(o -> o[1].toString()).toArray(String[]::new),
                            w.stream().map(o -> o[2].toString()).toArray(String[]::new),
                            w.stream().map(o -> (Boolean) o[3]).toArray(Boolean[]::new))
                    .query((rs, n) -> found.putIfAbsent(rs.getLong("id"), stored(rs)))
                    .list();
        }
        var bySpeaker = new HashMap<Long, List<Report>>();
        for (var r : found.values())
            bySpeaker.computeIfAbsent(r.speaker(), k -> new ArrayList<>()).add(r);
        return bySpeaker;
    }

    /**
     * The rows of a pool query ({@code n}, then statement order), less the reports alike in everything the matcher
     * compares (utterance, speaker, kind, words, date, events): of those only the first is kept, and the first of
     * another article than that one (a report never joins one of its own article). The others can decide nothing
     * the kept ones do not, and words quoted by many articles would otherwise bring all their reports to every
     * batch that quotes them again.
     */
    private static String firstOfAlike(String pool) {
        return """
                select id, speaker_id, article_id, kind, said_on, said_on_precision, events, utterance_id, words
                from (
                    select a.*, row_number() over (
                               partition by utterance_id, speaker_id, kind, words, said_on, said_on_precision, events,
                                            article_id = first_article
                               order by n, id) as nth
                    from (
                        select p.*, first_value(article_id) over (
                                   partition by utterance_id, speaker_id, kind, words, said_on, said_on_precision, events
                                   order by n, id) as first_article
                        from (%s) p) a) d
                where nth = 1
                order by n, id""".formatted(pool);
    }

    private static Report stored(ResultSet rs) throws SQLException {
        return report(rs, rs.getLong("utterance_id"), rs.getString("words"));
    }

    private static Report report(ResultSet rs, long utterance, String words) throws SQLException {
        var precision = rs.getString("said_on_precision");
        return new Report(
                rs.getLong("id"),
                utterance,
                rs.getLong("speaker_id"),
                rs.getLong("article_id"),
                StatementKind.valueOf(rs.getString("kind")),
                words,
                rs.getObject("said_on", LocalDate.class),
                precision == null ? null : DatePrecision.valueOf(precision),
                events(rs.getArray("events")));
    }

    private static Set<Long> events(Array array) throws SQLException {
        var ids = new HashSet<Long>();
        if (array == null) return ids;
        for (var id : (Object[]) array.getArray()) ids.add(((Number) id).longValue());
        return ids;
    }

    static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
