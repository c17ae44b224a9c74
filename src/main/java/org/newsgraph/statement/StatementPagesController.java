package org.newsgraph.statement;

import graphql.schema.DataFetchingEnvironment;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.ConnectionLoader;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/statement-pages.graphqls} adds: {@code Statement.relationsConnection}, one SQL
 * statement per level of statements ({@link ConnectionLoader}).
 */
@Controller
public class StatementPagesController {

    private final ConnectionLoader<Void, StatementRelation> relationsOfStatements;

    public StatementPagesController(StatementDetailRepository details, BatchLoaderRegistry registry) {
        this.relationsOfStatements = ConnectionLoader.register(
                registry, "Statement", "relationsConnection", (ids, none, page) -> details.relationPages(ids, page));
    }

    @SchemaMapping(typeName = "Statement")
    public CompletableFuture<Connection<StatementRelation>> relationsConnection(
            Statement statement, PageRequest page, DataFetchingEnvironment env) {
        return relationsOfStatements.load(env, statement.id(), null, page);
    }
}
