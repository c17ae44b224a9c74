package org.newsgraph.statement;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.newsgraph.actor.Actor;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/statement-detail.graphqls} adds to {@code Statement}, and the type {@code
 * StatementRelation}. The scalar details come from one typed DataLoader, so that asking for several of them
 * costs one SQL statement per level.
 */
@Controller
public class StatementDetailController {

    private final StatementDetailRepository details;
    private final StatementRepository statements;

    private final ConnectionLoader<StatementFilter.Criteria, Statement> statementsRelayed;

    public StatementDetailController(
            StatementDetailRepository details,
            StatementRepository statements,
            StatementPreloader preloader,
            BatchLoaderRegistry registry) {
        this.details = details;
        this.statements = statements;
        this.statementsRelayed = ConnectionLoader.register(
                registry,
                "Actor",
                "relayed",
                (ids, filter, page) -> statements.page(StatementRepository.BY_RELAY, ids, filter, page),
                preloader);
    }

    @BatchMapping(typeName = "Statement")
    public Map<Statement, List<Actor>> speakers(List<Statement> list) {
        return Batch.lists(list, Statement::id, details::speakersOf);
    }

    @BatchMapping(typeName = "Statement")
    public Map<Statement, Actor> addressee(List<Statement> list) {
        return Batch.pick(list, Statement::id, details::addresseesOf);
    }

    @SchemaMapping(typeName = "Statement")
    public CompletableFuture<Hedge> hedge(Statement statement, DataLoader<Long, StatementDetails> details) {
        return details.load(statement.id()).thenApply(d -> d == null ? null : d.hedge());
    }

    @SchemaMapping(typeName = "Statement")
    public CompletableFuture<Frequency> frequency(Statement statement, DataLoader<Long, StatementDetails> details) {
        return details.load(statement.id()).thenApply(d -> d == null ? null : d.frequency());
    }

    @SchemaMapping(typeName = "Statement")
    public CompletableFuture<Boolean> translated(Statement statement, DataLoader<Long, StatementDetails> details) {
        return details.load(statement.id()).thenApply(d -> d != null && d.translated());
    }

    @SchemaMapping(typeName = "Statement")
    public CompletableFuture<String> originalLanguage(Statement statement, DataLoader<Long, StatementDetails> details) {
        return details.load(statement.id()).thenApply(d -> d == null ? null : d.originalLanguage());
    }

    @BatchMapping(typeName = "Statement")
    public Map<Statement, Statement> within(List<Statement> list) {
        return Batch.pick(list, Statement::id, details::withinOf);
    }

    @BatchMapping(typeName = "Statement")
    public Map<Statement, List<Statement>> nested(List<Statement> list) {
        return Batch.lists(list, Statement::id, details::nestedIn);
    }

    @BatchMapping(typeName = "Statement")
    public Map<Statement, List<StatementRelation>> relations(List<Statement> list) {
        return Batch.lists(list, Statement::id, details::relationsOf);
    }

    @SchemaMapping(typeName = "Actor")
    public CompletableFuture<org.newsgraph.relay.Connection<Statement>> relayed(
            Actor actor,
            @Argument StatementFilter filter,
            @Argument StatementOrder orderBy,
            PageRequest page,
            DataFetchingEnvironment env) {
        return StatementController.load(
                statementsRelayed, env, actor.id(), StatementFilter.criteria(filter, orderBy, false), page);
    }

    @SchemaMapping(typeName = "StatementRelation")
    public String id(StatementRelation relation) {
        return GlobalId.encode("StatementRelation", relation.nodeKey());
    }

    @BatchMapping(typeName = "StatementRelation")
    public Map<StatementRelation, Statement> statement(List<StatementRelation> list) {
        return Batch.pick(list, StatementRelation::otherStatementId, statements::findByIds);
    }
}
