package org.newsgraph.schema;

import graphql.schema.idl.SchemaPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.newsgraph.command.NewsGraphCommand;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar target/newsgraph.jar schema schema.graphqls}: writes the SDL of the schema the server
 * serves (the files under {@code graphql/} plus what Spring generates), exactly as {@code GET /graphql/schema}
 * returns it. Without a file name it prints the SDL to standard output (where the start-up log goes too).
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
        return "[FILE] write the GraphQL schema (SDL) to FILE, or print it";
    }

    @Override
    public int run(List<String> args) throws IOException {
        String sdl = print(graphQlSource);
        if (args.isEmpty()) {
            System.out.print(sdl);
            System.out.flush();
        } else {
            Path file = Path.of(args.get(0));
            Files.writeString(file, sdl, StandardCharsets.UTF_8);
            System.err.println("Wrote the schema to " + file.toAbsolutePath());
        }
        return 0;
    }
}
