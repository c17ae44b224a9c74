package org.newsgraph.utterance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL access to {@code utterances}, {@code utterance_reports} and {@code utterance_candidates}; every method takes many IDs. */
@Repository
@Transactional(readOnly = true)
public class UtteranceRepository extends NodeRepository<Utterance> {

    /** The reports of an utterance, for {@code StatementRepository.page}. */
    static final KeysetQuery.Parent REPORTS = new KeysetQuery.Parent(
            "utterance_reports ur join statements s on s.id = ur.statement_id", "ur.utterance_id = p.id");

    /** An utterance with its text, speaker and dates as the reports give them (earliest report first). */
    private static final String COLUMNS =
            "u.id, f.text, f.speaker_id, d.said_on, d.said_on_precision, t.first_reported_at, t.reports";

    private static final String FROM = """
            utterances u
            cross join lateral (
                select s.text, s.speaker_id from utterance_reports r
                join statements s on s.id = r.statement_id join articles a on a.id = s.article_id
                where r.utterance_id = u.id order by a.published_at nulls last, s.id limit 1) f
            left join lateral (
                select s.said_on, s.said_on_precision from utterance_reports r
                join statements s on s.id = r.statement_id
                where r.utterance_id = u.id and s.said_on is not null order by s.said_on, s.id limit 1) d on true
            cross join lateral (
                select min(a.published_at) as first_reported_at, count(*) as reports from utterance_reports r
                join statements s on s.id = r.statement_id join articles a on a.id = s.article_id
                where r.utterance_id = u.id) t""";

    public UtteranceRepository(JdbcClient jdbc) {
        super(jdbc, "Utterance", COLUMNS, FROM, "u.id", UtteranceRepository::map, Utterance::id);
    }

    private static Utterance map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var precision = rs.getString("said_on_precision");
        return new Utterance(
                rs.getLong("id"),
                rs.getString("text"),
                rs.getLong("speaker_id"),
                rs.getObject("said_on", LocalDate.class),
                precision == null ? null : DatePrecision.valueOf(precision),
                rs.getObject("first_reported_at", OffsetDateTime.class),
                rs.getInt("reports"));
    }

    /** The utterance each statement reports (statements not linked are left out). */
    public Map<Long, Long> utterancesOfStatements(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, Long>();
        jdbc.sql("select statement_id, utterance_id from utterance_reports where statement_id = any(?)")
                .param(Batch.array(statementIds))
                .query((rs, n) -> result.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return result;
    }

    /** The publishers of each utterance's reporting articles, in the order they first reported it. */
    public Map<Long, List<Long>> outletsOf(Collection<Long> utteranceIds) {
        var result = new LinkedHashMap<Long, List<Long>>();
        jdbc.sql("""
                        select r.utterance_id, a.publisher_id
                        from utterance_reports r
                        join statements s on s.id = r.statement_id join articles a on a.id = s.article_id
                        where r.utterance_id = any(?) and a.publisher_id is not null
                        group by r.utterance_id, a.publisher_id
                        order by r.utterance_id, min(a.published_at) nulls last, a.publisher_id
                        """)
                .param(Batch.array(utteranceIds))
                .query((rs, n) -> result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getLong(2)))
                .list();
        return result;
    }

    /** The open candidates of each utterance, most similar first. */
    public Map<Long, List<UtteranceCandidate>> openCandidatesOf(Collection<Long> utteranceIds) {
        var result = new LinkedHashMap<Long, List<UtteranceCandidate>>();
        jdbc.sql("""
                        select p.id, case when c.utterance_id = p.id then c.other_utterance_id else c.utterance_id end,
                               c.reason, c.score
                        from unnest(?::bigint[]) as p(id)
                        join utterance_candidates c on c.status = 'OPEN' and (c.utterance_id = p.id or c.other_utterance_id = p.id)
                        order by p.id, c.score desc, 2
                        """)
                .param(Batch.array(utteranceIds))
                .query((rs, n) -> result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new UtteranceCandidate(rs.getLong(2), rs.getString(3), rs.getDouble(4))))
                .list();
        return result;
    }
}
