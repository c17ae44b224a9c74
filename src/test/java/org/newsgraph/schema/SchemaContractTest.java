package org.newsgraph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import graphql.language.FieldDefinition;
import graphql.schema.diff.DiffCategory;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.DiffLevel;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * The schema is a promise to clients. This test fails the build when
 * <ul>
 * <li>Spring for GraphQL's schema inspection finds a schema field without data fetcher, a controller
 * mapping for a field the schema lacks, or a controller argument the schema does not declare;</li>
 * <li>the served schema breaks the committed baseline {@code graphql/contract/baseline.graphqls} (removed
 * field, type or enum value, changed argument or nullability: graphql-java's {@link SchemaDiff});
 * dangerous changes are printed;</li>
 * <li>the baseline's version has no entry with a reason in {@code graphql/contract/CHANGELOG.md}.</li>
 * </ul>
 * After a deliberate change, rewrite the baseline and add a CHANGELOG section with
 * {@code ./mvnw -Dfrontend.skip=true -Dnewsgraph.contract.update=true -Dtest=SchemaContractTest test}, then
 * replace the section's TODO with the reason. Retire fields with {@code @deprecated(reason:)} first.
 */
@IntegrationTest
class SchemaContractTest {

    static final Path BASELINE = Path.of("graphql/contract/baseline.graphqls");

    static final Path CHANGELOG = Path.of("graphql/contract/CHANGELOG.md");

    static final Pattern VERSION = Pattern.compile("^# NewsGraph GraphQL contract, version (\\d+)", Pattern.MULTILINE);

    static final String TODO = "TODO: say why";

    @Autowired
    SchemaInspection inspection;

    @Autowired
    GraphQlSource graphQlSource;

    @LocalServerPort
    int port;

    @Test
    void schemaInspection_findsNoUnmappedFieldsArgumentsOrMappings() {
        var report = inspection.report();
        assertThat(report).as("schema inspection report").isNotNull();
        if (!report.skippedTypes().isEmpty()) {
            System.out.println("Schema inspection skipped (not checked): " + report.skippedTypes());
        }
        if (!report.fieldNullnessErrors().isEmpty()
                || !report.argumentNullnessErrors().isEmpty()) {
            System.out.println("Schema inspection nullness mismatches: " + report.fieldNullnessErrors() + " "
                    + report.argumentNullnessErrors());
        }
        assertThat(SchemaInspection.problems(report))
                .as("unmapped schema elements")
                .isEmpty();
    }

    @Test
    void schema_hasNoBreakingChangeAgainstTheBaseline() throws IOException {
        String current = SchemaCommand.print(graphQlSource);
        if (Boolean.getBoolean("newsgraph.contract.update")) {
            updateBaseline(current);
        }
        assertThat(BASELINE)
                .as("baseline (create it with -Dnewsgraph.contract.update=true)")
                .exists();
        var events = diff(Files.readString(BASELINE), current);
        events.stream()
                .filter((e) -> e.getLevel() != DiffLevel.BREAKING)
                .forEach((e) -> System.out.println("Schema change against the baseline: " + describe(e)));
        String baseline = Files.readString(BASELINE);
        List<String> breaking = events.stream()
                .filter((e) -> e.getLevel() == DiffLevel.BREAKING)
                .map((e) ->
                        describe(e) + (removedWithoutDeprecation(baseline, e) ? " [was not @deprecated first]" : ""))
                .toList();
        if (!breaking.isEmpty()) {
            fail("The schema breaks the contract in " + BASELINE + ":\n  " + String.join("\n  ", breaking)
                    + "\nRetire fields with @deprecated(reason:) first. If the break is deliberate, run\n"
                    + "  ./mvnw -Dfrontend.skip=true -Dnewsgraph.contract.update=true -Dtest=SchemaContractTest test\n"
                    + "and give the reason in " + CHANGELOG);
        }
    }

    @Test
    void baselineVersion_hasAChangelogSectionWithAReason() throws IOException {
        int version = baselineVersion(Files.readString(BASELINE));
        String changelog = Files.readString(CHANGELOG);
        String heading = "## Version " + version;
        assertThat(changelog).as(CHANGELOG + " section for the baseline").contains(heading);
        String section = changelog.substring(changelog.indexOf(heading));
        int next = section.indexOf("\n## ", heading.length());
        section = (next < 0) ? section : section.substring(0, next);
        assertThat(section)
                .as("reason in " + CHANGELOG + " for version " + version)
                .doesNotContain(TODO);
    }

    @Test
    void schemaCommand_writesTheSdlThatTheServerServesAtGraphqlSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("schema.graphqls");
        assertThat(new SchemaCommand(graphQlSource).run(List.of(file.toString())))
                .isZero();
        var served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql/schema"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Files.readString(file)).isEqualTo(served.body()).contains("type Query");
    }

    /** The guard itself: the diff flags what clients would break on. */
    @Test
    void diff_flagsRemovalsNullabilityAndArgumentChangesAsBreaking() {
        // language=GraphQL
        String before = """
                type Query { a(first: Int): A, b: String! }
                type A { x: String, y: Kind }
                enum Kind { ONE TWO }
                """;
        // language=GraphQL
        String after = """
                type Query { a(first: String): A, b: String }
                type A { y: Kind, z: Int }
                enum Kind { ONE }
                """;
        var breaking = diff(before, after).stream()
                .filter((e) -> e.getLevel() == DiffLevel.BREAKING)
                .map(SchemaContractTest::describe)
                .collect(Collectors.joining("\n"));
        assertThat(breaking)
                .contains("A.x")
                .contains("Query.a")
                .contains("Query.b")
                .contains("TWO");
        assertThat(diff(before, before)).isEmpty();
        var removedX = diff(before, after).stream()
                .filter((e) -> "x".equals(e.getFieldName()))
                .findFirst()
                .orElseThrow();
        assertThat(removedWithoutDeprecation(before, removedX)).isTrue();
        assertThat(removedWithoutDeprecation(
                        before.replace("x: String", "x: String @deprecated(reason: \"use y\")"), removedX))
                .isFalse();
        assertThat(diff(before, before.replace("b: String!", "b: String! c: Int")))
                .allMatch((e) -> e.getLevel() != DiffLevel.BREAKING);
    }

    /** A field that the baseline lists without {@code @deprecated} and the schema no longer has. */
    static boolean removedWithoutDeprecation(String baselineSdl, DiffEvent event) {
        if (event.getCategory() != DiffCategory.MISSING || event.getFieldName() == null) {
            return false;
        }
        var type = new SchemaParser().parse(baselineSdl).getType(event.getTypeName());
        if (type.isEmpty()) {
            return false;
        }
        for (Object child : type.get().getChildren()) {
            if (child instanceof FieldDefinition field && field.getName().equals(event.getFieldName())) {
                return !field.hasDirective("deprecated");
            }
        }
        return false;
    }

    static List<DiffEvent> diff(String oldSdl, String newSdl) {
        var reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(oldSdl, newSdl), reporter);
        // events without a category are SchemaDiff's "Examining ..." trace
        return reporter.getEvents().stream()
                .filter((e) -> e.getCategory() != null)
                .toList();
    }

    static String describe(DiffEvent event) {
        String where = event.getTypeName() + ((event.getFieldName() != null) ? "." + event.getFieldName() : "");
        return event.getLevel() + " " + event.getCategory() + " " + where + ": " + event.getReasonMsg();
    }

    static int baselineVersion(String baseline) {
        Matcher matcher = VERSION.matcher(baseline);
        assertThat(matcher.find()).as("version header in " + BASELINE).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Rewrites the baseline with the next version and opens a CHANGELOG section listing the changes. */
    static void updateBaseline(String current) throws IOException {
        boolean exists = Files.exists(BASELINE);
        String old = exists ? Files.readString(BASELINE) : null;
        if (exists && diff(old, current).isEmpty() && stripHeader(old).equals(current)) {
            System.out.println("Baseline already matches the schema: " + BASELINE);
            return;
        }
        int version = exists ? baselineVersion(old) + 1 : 1;
        Files.createDirectories(BASELINE.getParent());
        Files.writeString(
                BASELINE,
                "# NewsGraph GraphQL contract, version " + version
                        + ". Written by SchemaContractTest (-Dnewsgraph.contract.update=true); see CHANGELOG.md.\n"
                        + current,
                StandardCharsets.UTF_8);
        var section = new StringBuilder("\n## Version " + version + " (" + LocalDate.now() + ")\n\n" + TODO
                + " (and what clients must change for BREAKING lines).\n\n");
        if (exists) {
            diff(old, current)
                    .forEach((e) -> section.append("- ").append(describe(e)).append('\n'));
        } else {
            section.append("- First baseline.\n");
        }
        String changelog = Files.exists(CHANGELOG)
                ? Files.readString(CHANGELOG)
                : "# GraphQL contract changelog\n\nOne section per baseline version; newest last.\n";
        Files.writeString(CHANGELOG, changelog + section, StandardCharsets.UTF_8);
        System.out.println("Wrote " + BASELINE + " version " + version + "; give the reason in " + CHANGELOG);
    }

    static String stripHeader(String baseline) {
        return baseline.substring(baseline.indexOf('\n') + 1);
    }
}
