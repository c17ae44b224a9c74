package org.newsgraph.utterance;

import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.newsgraph.statement.StatementRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves the GraphQL type {@code Utterance}, {@code Query.utterance} and {@code Statement.utterance} (the
 * utterance feature owns {@code utterance_reports}, the link between the two).
 */
@Controller
public class UtteranceController {

    private final UtteranceRepository utterances;
    private final ActorRepository actors;
    private final ConnectionLoader<StatementFilter.Criteria, Statement> reportsOfUtterances;

    public UtteranceController(
            UtteranceRepository utterances,
            ActorRepository actors,
            StatementRepository statements,
            BatchLoaderRegistry registry) {
        this.utterances = utterances;
        this.actors = actors;
        this.reportsOfUtterances = ConnectionLoader.register(
                registry,
                "Utterance",
                "reports",
                (ids, filter, page) -> statements.page(UtteranceRepository.REPORTS, ids, filter, page));
    }

    @QueryMapping
    public Utterance utterance(@Argument String id) {
        return utterances.findById(GlobalId.decode(id, "Utterance"));
    }

    @BatchMapping(typeName = "Statement", field = "utterance")
    public Map<Statement, Utterance> utteranceOfStatement(List<Statement> list) {
        var linked = utterances.utterancesOfStatements(Batch.ids(list, Statement::id));
        return Batch.pick(list, s -> linked.get(s.id()), utterances::findByIds);
    }

    @SchemaMapping
    public String id(Utterance utterance) {
        return GlobalId.encode("Utterance", utterance.id());
    }

    @BatchMapping
    public Map<Utterance, Actor> speaker(List<Utterance> list) {
        return Batch.pick(list, Utterance::speakerId, actors::findByIds);
    }

    @BatchMapping
    public Map<Utterance, List<Actor>> outlets(List<Utterance> list) {
        var outlets = utterances.outletsOf(Batch.ids(list, Utterance::id));
        var rows = actors.findByIds(
                outlets.values().stream().flatMap(List::stream).distinct().toList());
        var result = new LinkedHashMap<Utterance, List<Actor>>();
        for (var u : list) {
            result.put(
                    u,
                    outlets.getOrDefault(u.id(), List.of()).stream()
                            .map(rows::get)
                            .filter(Objects::nonNull)
                            .toList());
        }
        return result;
    }

    @BatchMapping
    public Map<Utterance, List<UtteranceCandidate>> possibleDuplicates(List<Utterance> list) {
        return Batch.lists(list, Utterance::id, utterances::openCandidatesOf);
    }

    @SchemaMapping
    public CompletableFuture<Connection<Statement>> reports(
            Utterance utterance, PageRequest page, DataFetchingEnvironment env) {
        return reportsOfUtterances.load(env, utterance.id(), null, page);
    }
}
