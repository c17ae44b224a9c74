package org.newsgraph.statement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.PageRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;

/**
 * SQL access to what a statement says beyond its words: the detail columns of {@code statements}
 * (addressee, hedge, frequency, translation, nesting), {@code statement_speakers} and {@code
 * statement_relations}. Registers the typed DataLoader of {@link StatementDetails}.
 */
@Configuration(proxyBeanMethods = false)
public class StatementDetailRepository {

    private final JdbcClient jdbc;

    public StatementDetailRepository(JdbcClient jdbc, BatchLoaderRegistry registry) {
        this.jdbc = jdbc;
        registry.forTypePair(Long.class, StatementDetails.class)
                .registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> details(ids)));
    }

    Map<Long, StatementDetails> details(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql("""
                        select id, addressee_id, hedge, frequency, translated, original_language, within_id
                        from statements where id = any(?)""")
                        .param(Batch.array(ids))
                        .query((rs, n) -> new StatementDetails(
                                rs.getLong("id"),
                                (Long) rs.getObject("addressee_id"),
                                rs.getString("hedge") == null ? null : Hedge.valueOf(rs.getString("hedge")),
                                rs.getString("frequency") == null ? null : Frequency.valueOf(rs.getString("frequency")),
                                rs.getBoolean("translated"),
                                rs.getString("original_language"),
                                (Long) rs.getObject("within_id")))
                        .list(),
                StatementDetails::id);
    }

    /** Every speaker of the statements, first speaker first, as actors. */
    Map<Long, List<Actor>> speakersOf(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, List<Actor>>();
        jdbc.sql("""
                select l.statement_id, a.id, a.kind, a.name, a.description, a.wikidata_id from (
                    select id as statement_id, 0 as position, speaker_id as actor_id from statements where id = any(?1)
                    union all
                    select statement_id, position, actor_id from statement_speakers where statement_id = any(?1)) l
                join actors a on a.id = l.actor_id
                order by l.statement_id, l.position""".replace("?1", "?"))
                .params(Batch.array(statementIds), Batch.array(statementIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("statement_id"), k -> new ArrayList<>())
                            .add(ActorRepository.map(rs, 0));
                });
        return result;
    }

    /** The addressee of each statement that has one, by statement id. */
    Map<Long, Actor> addresseesOf(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, Actor>();
        jdbc.sql("select s.id as statement_id, a.id, a.kind, a.name, a.description, a.wikidata_id"
                        + " from statements s join actors a on a.id = s.addressee_id where s.id = any(?)")
                .param(Batch.array(statementIds))
                .query(rs -> {
                    result.put(rs.getLong("statement_id"), ActorRepository.map(rs, 0));
                });
        return result;
    }

    /** The statement each statement is quoted inside, by statement id. */
    Map<Long, Statement> withinOf(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, Statement>();
        jdbc.sql("select o.id as owner_id, " + StatementRepository.COLUMNS
                        + " from statements o join statements s on s.id = o.within_id where o.id = any(?)")
                .param(Batch.array(statementIds))
                .query(rs -> {
                    result.put(rs.getLong("owner_id"), StatementRepository.map(rs, 0));
                });
        return result;
    }

    /** The statements quoted inside each statement, in article order. */
    Map<Long, List<Statement>> nestedIn(Collection<Long> statementIds) {
        var result = new LinkedHashMap<Long, List<Statement>>();
        jdbc.sql("select s.within_id as owner_id, " + StatementRepository.COLUMNS
                        + " from statements s where s.within_id = any(?) order by s.within_id, s.position")
                .param(Batch.array(statementIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                            .add(StatementRepository.map(rs, 0));
                });
        return result;
    }

    /** The relations of statements in both directions, outgoing first. */
    Map<Long, List<StatementRelation>> relationsOf(Collection<Long> statementIds) {
        return StatementRelation.LINKS.listsOf(jdbc, statementIds);
    }

    /** The relations of statements in both directions, a page each: outgoing first, then by kind and row, descending. */
    Map<Long, Connection<StatementRelation>> relationPages(Collection<Long> statementIds, PageRequest page) {
        return StatementRelation.LINKS.pagesOf(jdbc, statementIds, page);
    }
}
