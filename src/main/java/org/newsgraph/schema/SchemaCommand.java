package org.newsgraph.schema;

import graphql.schema.idl.SchemaPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsgraph.command.NewsGraphCommand;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar target/newsgraph.jar schema schema.graphqls}: writes the SDL of the schema the server
 * serves (the files under {@code graphql/} plus what Spring generates), exactly as {@code GET /graphql/schema}
 * returns it. Without a file name it prints the SDL to standard output (where the start-up log goes too).
 */
@Component
@Command(name = "schema", description = "[FILE] write the GraphQL schema (SDL) to FILE, or print it")
public class SchemaCommand implements NewsGraphCommand<SchemaCommand.Options> {

    /** The arguments. */
    public static final class Options {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "where to write the SDL")
        Path file;
    }

    private final GraphQlSource graphQlSource;

    public SchemaCommand(GraphQlSource graphQlSource) {
        this.graphQlSource = graphQlSource;
    }

    /** The SDL printer shared by this command, the contract test and {@code /graphql/schema}. */
    public static String print(GraphQlSource source) {
        return new SchemaPrinter().print(source.schema());
    }

    @Override
    public int execute(Options options) throws IOException {
        String sdl = print(graphQlSource);
        if (options.file == null) {
            System.out.print(sdl);
            System.out.flush();
        } else {
            Path file = options.file;
            Files.writeString(file, sdl, StandardCharsets.UTF_8);
            System.err.println("Wrote the schema to " + file.toAbsolutePath());
        }
        return 0;
    }
}
