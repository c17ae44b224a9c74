package org.newsgraph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.SchemaReport;

/** What {@link SchemaInspection#problems} reports, on a schema built to be wrong. */
class SchemaInspectionTest {

    @Test
    void problems_nameFieldsWithoutDataFetcher_andDataFetchersForFieldsTheSchemaLacks() {
        AtomicReference<SchemaReport> report = new AtomicReference<>();
        // language=GraphQL
        String sdl = "type Query { mapped: String unmapped: String }";
        GraphQlSource.schemaResourceBuilder()
                .schemaResources(new ByteArrayResource(sdl.getBytes(StandardCharsets.UTF_8)))
                .configureRuntimeWiring((wiring) -> wiring.type(
                        "Query",
                        (type) -> type.dataFetcher("mapped", (env) -> "yes")
                                .dataFetcher("notInTheSchema", (env) -> "orphan")))
                .inspectSchemaMappings(report::set)
                .build();

        assertThat(SchemaInspection.problems(report.get()))
                .anySatisfy((line) ->
                        assertThat(line).contains("without data fetcher").contains("Query.unmapped"))
                .anySatisfy(
                        (line) -> assertThat(line).contains("the schema lacks").contains("Query.notInTheSchema"))
                .noneSatisfy((line) -> assertThat(line).contains("Query.mapped"));
    }
}
