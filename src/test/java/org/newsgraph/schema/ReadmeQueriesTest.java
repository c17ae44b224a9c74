package org.newsgraph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's GraphQL examples are what a newcomer pastes first: each {@code ```graphql} block validates
 * against the served schema, selects no deprecated field, and (queries) answers on the demo data without
 * errors and with data in it.
 */
@IntegrationTest
class ReadmeQueriesTest {

    static final Pattern BLOCK = Pattern.compile("(?s)```graphql\\n(.*?)```");

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    GraphQlSource graphQlSource;

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyGraphQlExampleOfTheReadme_isValid_usesNoDeprecatedField_andAnswersOnTheDemoData()
            throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        var blocks = new ArrayList<String>();
        var matcher = BLOCK.matcher(readme);
        while (matcher.find()) blocks.add(matcher.group(1));
        assertThat(blocks).as("graphql blocks in the README").hasSizeGreaterThanOrEqualTo(4);
        var http = HttpClient.newHttpClient();
        return blocks.stream().map((text) -> {
            int line = (int) readme.substring(0, readme.indexOf(text)).lines().count() + 1;
            return DynamicTest.dynamicTest("README.md line " + line, () -> {
                Document document = Parser.parse(text);
                var schema = graphQlSource.schema();
                assertThat(new graphql.validation.Validator().validateDocument(schema, document, Locale.ENGLISH))
                        .as("validation errors")
                        .isEmpty();
                var deprecated = new ArrayList<String>();
                var operation =
                        document.getDefinitionsOfType(OperationDefinition.class).get(0);
                var root = switch (operation.getOperation()) {
                    case QUERY -> schema.getQueryType();
                    case MUTATION -> schema.getMutationType();
                    case SUBSCRIPTION -> schema.getSubscriptionType();
                };
                NodeIds.deprecated(schema, document, root, operation.getSelectionSet(), root.getName(), deprecated);
                assertThat(deprecated).as("deprecated fields").isEmpty();
                if (operation.getOperation() != OperationDefinition.Operation.QUERY) return;

                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        json.writeValueAsString(Map.of("query", text))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                var result = json.readTree(response.body());
                assertThat(result.has("errors")).as(response.body()).isFalse();
                List<String> empty = new ArrayList<>();
                result.get("data").properties().forEach((e) -> {
                    if (e.getValue().isNull()) empty.add(e.getKey());
                });
                assertThat(empty).as("root fields without data").isEmpty();
            });
        });
    }
}
