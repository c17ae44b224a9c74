package org.newsgraph.utterance;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes every utterance from the statements, for the {@code resolve} command: after actors were
 * merged or split (the speaker decides which reports may join), after the linking rules changed, after
 * data was loaded around the ingest. Articles are linked in the order they were stored, in transactions of
 * {@value #ARTICLES_PER_TRANSACTION} articles; then the curators' decisions are applied again.
 */
@Service
public class UtteranceRelinker {

    static final int ARTICLES_PER_TRANSACTION = 500;

    private final JdbcClient jdbc;
    private final UtteranceLinker linker;
    private final UtteranceCuration curation;
    private final TransactionTemplate transaction;

    public UtteranceRelinker(
            JdbcClient jdbc,
            UtteranceLinker linker,
            UtteranceCuration curation,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.linker = linker;
        this.curation = curation;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What a re-link produced. */
    public record Relinked(long statements, long utterances, long candidates) {}

    public Relinked relinkAll() {
        transaction.executeWithoutResult(
                status -> jdbc.sql("truncate utterance_candidates, utterance_reports, utterances")
                        .update());
        List<Long> articles = jdbc.sql("select id from articles order by id")
                .query(Long.class)
                .list();
        for (int from = 0; from < articles.size(); from += ARTICLES_PER_TRANSACTION) {
            var chunk = articles.subList(from, Math.min(articles.size(), from + ARTICLES_PER_TRANSACTION));
            transaction.executeWithoutResult(status -> linker.linkArticles(chunk));
        }
        transaction.executeWithoutResult(status -> curation.applyDecisions());
        return new Relinked(
                count("utterance_reports"), count("utterances"), count("utterance_candidates where status = 'OPEN'"));
    }

    private long count(String from) {
        return jdbc.sql("select count(*) from " + from).query(Long.class).single();
    }
}
