package org.newsgraph.utterance;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A curator's decisions on utterance candidates: confirming joins the two utterances (every report of the
 * other moves to the first), rejecting closes the candidate. Both are recorded by statement in
 * {@code utterance_decisions}, so that re-linking ({@link UtteranceRelinker}) applies them again.
 */
@Service
public class UtteranceCuration {

    /** What a decision did: the utterance that stays, or why nothing happened. */
    public record Decided(Long utterance, String problem) {}

    private final JdbcClient jdbc;

    public UtteranceCuration(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Decided confirm(long utterance, long other) {
        var problem = openCandidate(utterance, other);
        if (problem != null) return new Decided(null, problem);
        record(utterance, other, "CONFIRMED");
        merge(utterance, other);
        return new Decided(utterance, null);
    }

    @Transactional
    public Decided reject(long utterance, long other) {
        var problem = openCandidate(utterance, other);
        if (problem != null) return new Decided(null, problem);
        record(utterance, other, "REJECTED");
        jdbc.sql("""
                        update utterance_candidates set status = 'REJECTED', decided_at = now()
                        where utterance_id = least(?, ?) and other_utterance_id = greatest(?, ?)
                        """).params(utterance, other, utterance, other).update();
        return new Decided(utterance, null);
    }

    private String openCandidate(long utterance, long other) {
        if (utterance == other) return "an utterance is not a candidate of itself";
        List<String> status = jdbc.sql("""
                        select status from utterance_candidates
                        where utterance_id = least(?, ?) and other_utterance_id = greatest(?, ?)
                        for update
                        """)
                .params(utterance, other, utterance, other)
                .query(String.class)
                .list();
        if (status.isEmpty()) return "these two utterances are not a candidate pair";
        if (!status.get(0).equals("OPEN")) return "this candidate was rejected already";
        return null;
    }

    /** Keyed by the first report of each side (lowest statement ID), which outlives the utterance IDs. */
    private void record(long utterance, long other, String decision) {
        jdbc.sql("""
                        insert into utterance_decisions (statement_id, other_statement_id, decision)
                        select (select min(statement_id) from utterance_reports where utterance_id = ?),
                               (select min(statement_id) from utterance_reports where utterance_id = ?), ?
                        on conflict (statement_id, other_statement_id)
                            do update set decision = excluded.decision, decided_at = now()
                        """).params(utterance, other, decision).update();
    }

    private void merge(long keep, long gone) {
        jdbc.sql("update utterance_reports set utterance_id = ?, link = 'CURATOR' where utterance_id = ?")
                .params(keep, gone)
                .update();
        jdbc.sql("delete from utterances where id = ?").param(gone).update();
    }

    /** Applies every recorded decision to the current utterances (after a re-link), oldest first. */
    void applyDecisions() {
        var decisions = jdbc.sql("""
                        select statement_id, other_statement_id, decision from utterance_decisions
                        order by decided_at, statement_id, other_statement_id
                        """)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)})
                .list();
        for (var d : decisions) {
            // looked up one decision at a time: an earlier merge may have moved either side
            Long a = utteranceOf((Long) d[0]), b = utteranceOf((Long) d[1]);
            if (a == null || b == null || a.equals(b)) continue;
            if (d[2].equals("CONFIRMED")) {
                merge(a, b);
            } else {
                jdbc.sql("""
                                insert into utterance_candidates (utterance_id, other_utterance_id, reason, score, status, decided_at)
                                values (least(?, ?), greatest(?, ?), 'CURATOR', 0, 'REJECTED', now())
                                on conflict (utterance_id, other_utterance_id) do update set status = 'REJECTED', decided_at = now()
                                """).params(a, b, a, b).update();
            }
        }
    }

    private Long utteranceOf(long statement) {
        return jdbc.sql("select utterance_id from utterance_reports where statement_id = ?")
                .param(statement)
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
