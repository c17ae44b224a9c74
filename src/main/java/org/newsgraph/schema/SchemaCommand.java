package org.newsgraph.schema;

import java.util.List;

import graphql.schema.idl.SchemaPrinter;
import org.newsgraph.command.NewsGraphCommand;

import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar target/newsgraph.jar schema > schema.graphqls}: prints the SDL of the schema the server
 * serves (the files under {@code graphql/} plus the generated Relay connection types), exactly as
 * {@code GET /graphql/schema} returns it.
 */
@Component
public class SchemaCommand implements NewsGraphCommand {

    private final GraphQlSource graphQlSource;

    public SchemaCommand(GraphQlSource graphQlSource) {
        this.graphQlSource = graphQlSource;
    }

    /** The SDL printer shared by this command, the contract test and {@code /graphql/schema}. */
    public static String print(GraphQlSource source) {
        return new SchemaPrinter().print(source.schema());
    }

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public String description() {
        return "print the GraphQL schema (SDL) to standard output";
    }

    @Override
    public int run(List<String> args) {
        System.out.print(print(graphQlSource));
        System.out.flush();
        return 0;
    }
}
