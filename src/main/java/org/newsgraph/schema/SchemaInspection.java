package org.newsgraph.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.SchemaReport;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring for GraphQL's schema inspection report of the running schema: schema fields without a
 * data fetcher, data fetchers (controller mappings) for fields the schema lacks, controller arguments the
 * schema does not declare. A non-empty report is logged as a warning at startup; {@code SchemaContractTest}
 * fails the build on it. Replaces Boot's own logging of the report ({@code spring.graphql.schema.inspection}).
 */
@Component
public class SchemaInspection implements GraphQlSourceBuilderCustomizer {

    private static final Logger log = LoggerFactory.getLogger(SchemaInspection.class);

    private final AtomicReference<SchemaReport> report = new AtomicReference<>();

    @Override
    public void customize(org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder builder) {
        builder.inspectSchemaMappings((schemaReport) -> {
            report.set(schemaReport);
            List<String> problems = problems(schemaReport);
            if (problems.isEmpty()) {
                log.info("Schema inspection: every field has a data fetcher, every mapping a field");
            } else {
                log.warn("Schema inspection found problems:\n  {}", String.join("\n  ", problems));
            }
        });
    }

    /** The report of the schema this application serves (null before the schema is built). */
    public SchemaReport report() {
        return report.get();
    }

    /** One readable line per unmapped field, unmapped registration and unmapped argument. */
    public static List<String> problems(SchemaReport report) {
        List<String> problems = new ArrayList<>();
        report.unmappedFields().forEach((field) -> problems.add("schema field without data fetcher: " + field));
        report.unmappedRegistrations()
                .forEach((field, fetcher) ->
                        problems.add("data fetcher for a field the schema lacks: " + field + " (" + fetcher + ")"));
        report.unmappedArguments()
                .forEach((fetcher, arguments) -> problems.add(
                        "controller arguments the schema does not declare: " + arguments + " (" + fetcher + ")"));
        return problems;
    }
}
