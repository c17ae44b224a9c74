package org.newsgraph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.newsgraph.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations in {@code graphql/operations/} are what the README, GraphiQL's examples and frontends
 * send. Every one must validate against the served schema, and every one is run over HTTP against the
 * demo dataset with its {@code NAME.variables.json}, its results checked against the database. A new
 * operation without a check here fails the build: add one to {@link #checks}.
 */
@IntegrationTest
class OperationsContractTest {

    static final Path OPERATIONS = Path.of("graphql/operations");

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    /** What each operation must return on the demo dataset. */
    final Map<String, Check> checks = Map.of(
            "ActorTraversal", this::actorTraversal,
            "ArticleWithStatements", this::articleWithStatements,
            "EventParticipants", this::eventParticipants,
            "StatementPage", this::statementPage,
            "NodeLookup", this::nodeLookup,
            "SearchEverything", this::searchEverything,
            "StatementDetails", this::statementDetails,
            "EventHistory", this::eventHistory,
            "IngestArticle", this::ingestArticle,
            "UpdateEvent", this::updateEvent);

    @Autowired
    org.newsgraph.auth.ApiKeyService keys;

    interface Check {
        void verify(Operation operation) throws Exception;
    }

    record Operation(String name, String document, Map<String, Object> variables) {}

    @TestFactory
    Stream<DynamicTest> everyOperation_validatesAgainstTheSchema() throws IOException {
        return operations().stream()
                .map((operation) -> DynamicTest.dynamicTest(operation.name(), () -> {
                    Document document = Parser.parse(operation.document());
                    List<ValidationError> errors =
                            new Validator().validateDocument(graphQlSource.schema(), document, Locale.ENGLISH);
                    assertThat(errors)
                            .as(operation.name() + " validation errors")
                            .isEmpty();
                    assertThat(document.getDefinitionsOfType(OperationDefinition.class))
                            .as("one named operation, named like its file")
                            .singleElement()
                            .extracting(OperationDefinition::getName)
                            .isEqualTo(operation.name());
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyOperation_returnsTheDemoDataOverHttp() throws IOException {
        return operations().stream()
                .map((operation) -> DynamicTest.dynamicTest(operation.name(), () -> {
                    Check check = checks.get(operation.name());
                    assertThat(check)
                            .as("a check in OperationsContractTest for graphql/operations/" + operation.name()
                                    + ".graphql")
                            .isNotNull();
                    check.verify(operation);
                }));
    }

    /**
     * A client cache (Apollo, urql's graphcache, Relay) normalizes every object that has an {@code id}; an
     * operation that fetches a Node without it leaves that object unkeyed. Every selection of a Node type
     * (directly, or through a union or interface that may be one) must select {@code id}.
     */
    @TestFactory
    Stream<DynamicTest> everyOperation_selectsIdOnEveryNode() throws IOException {
        return operations().stream()
                .map((operation) -> DynamicTest.dynamicTest(operation.name(), () -> {
                    Document document = Parser.parse(operation.document());
                    var missing = new ArrayList<String>();
                    var schema = graphQlSource.schema();
                    for (var definition : document.getDefinitionsOfType(OperationDefinition.class)) {
                        var root = definition.getOperation() == OperationDefinition.Operation.MUTATION
                                ? schema.getMutationType()
                                : schema.getQueryType();
                        NodeIds.check(schema, document, root, definition.getSelectionSet(), root.getName(), missing);
                    }
                    assertThat(missing)
                            .as(operation.name() + ": Node selections without id")
                            .isEmpty();
                }));
    }

    /** What the README and the examples show is what new clients copy: no field they should stop using. */
    @TestFactory
    Stream<DynamicTest> everyOperation_selectsNoDeprecatedField() throws IOException {
        return operations().stream()
                .map((operation) -> DynamicTest.dynamicTest(operation.name(), () -> {
                    assertThat(deprecatedFieldsOf(operation.document()))
                            .as(operation.name() + ": deprecated fields")
                            .isEmpty();
                }));
    }

    @Test
    void theDeprecationCheck_findsADeprecatedFieldInsideAFragment() {
        // language=GraphQL
        assertThat(deprecatedFieldsOf("""
                        query { event(externalKey: "x") { id ...Parties } }
                        fragment Parties on Event { participants { id } subEventsConnection(first: 1) { totalCount } }""")).containsExactly("Query.event.participants (Event.participants)");
    }

    private List<String> deprecatedFieldsOf(String text) {
        Document document = Parser.parse(text);
        var found = new ArrayList<String>();
        var schema = graphQlSource.schema();
        for (var definition : document.getDefinitionsOfType(OperationDefinition.class)) {
            var root = definition.getOperation() == OperationDefinition.Operation.MUTATION
                    ? schema.getMutationType()
                    : schema.getQueryType();
            NodeIds.deprecated(schema, document, root, definition.getSelectionSet(), root.getName(), found);
        }
        return found;
    }

    @Test
    void theIdCheck_findsANodeSelectedWithoutId() {
        // language=GraphQL
        Document document = Parser.parse("""
                query { event(externalKey: "x") { id participants { role actor { name } } }
                        search(query: "x") { edges { node { ... on Actor { id } ... on Event { title } } } } }""");
        var missing = new ArrayList<String>();
        var schema = graphQlSource.schema();
        NodeIds.check(
                schema,
                document,
                schema.getQueryType(),
                document.getDefinitionsOfType(OperationDefinition.class).get(0).getSelectionSet(),
                "Query",
                missing);
        assertThat(missing)
                .contains(
                        "Query.event.participants (EventParticipant)",
                        "Query.event.participants.actor (Actor)",
                        "Query.search.edges.node (Event)")
                .noneMatch((m) -> m.equals("Query.event (Event)"));
    }

    @Test
    void theOperationsFolder_holdsTheKnownOperations() throws IOException {
        assertThat(operations())
                .extracting(Operation::name)
                .contains(
                        "ActorTraversal",
                        "ArticleWithStatements",
                        "EventParticipants",
                        "StatementPage",
                        "NodeLookup",
                        "SearchEverything",
                        "StatementDetails",
                        "EventHistory",
                        "IngestArticle",
                        "UpdateEvent");
        assertThat(operations())
                .as("mutation examples")
                .filteredOn((o) -> o.document().lines().anyMatch((l) -> l.startsWith("mutation")))
                .isNotEmpty();
    }

    // --- checks -----------------------------------------------------------------------------------

    void actorTraversal(Operation operation) throws Exception {
        JsonNode actor = data(operation, operation.variables()).at("/actors/edges/0/node");
        String name = actor.get("name").asString();
        assertThat(name).isEqualTo("Volodymyr Zelensky");
        long said = jdbc.sql("select count(*) from statements s join actors a on a.id = s.speaker_id where a.name = ?")
                .param(name)
                .query(Long.class)
                .single();
        JsonNode statements = actor.get("statements");
        assertThat(statements.get("totalCount").asLong()).isEqualTo(said);
        assertThat(statements.get("edges").size()).isEqualTo((int) Math.min(said, 5));
        List<String> participants = statements
                .get("edges")
                .valueStream()
                .flatMap((e) -> e.at("/node/events").valueStream())
                .flatMap((e) -> e.at("/participantsConnection/edges").valueStream())
                .map((p) -> p.at("/node/actor/name").asString())
                .toList();
        assertThat(participants).isNotEmpty();
    }

    void articleWithStatements(Operation operation) throws Exception {
        String url = (String) operation.variables().get("url");
        var row = jdbc.sql("""
                select a.title, p.name as publisher, (select count(*) from statements s where s.article_id = a.id) as said
                from articles a left join actors p on p.id = a.publisher_id where a.url = ?""").param(url).query().singleRow();
        Set<String> ids = new LinkedHashSet<>();
        String after = null;
        int pages = 0;
        JsonNode article;
        do {
            var variables = new HashMap<>(operation.variables());
            variables.put("first", 4);
            variables.put("after", after);
            article = data(operation, variables).get("article");
            assertThat(article.get("title").asString()).isEqualTo(row.get("title"));
            assertThat(article.at("/publisher/name").asString()).isEqualTo(row.get("publisher"));
            JsonNode page = article.get("statements");
            assertThat(page.get("totalCount").asLong()).isEqualTo(((Number) row.get("said")).longValue());
            page.get("edges")
                    .forEach((edge) ->
                            assertThat(ids.add(edge.at("/node/id").asString())).isTrue());
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
            assertThat(++pages).isLessThan(50);
        } while (after != null);
        assertThat(ids).hasSize(((Number) row.get("said")).intValue());
        assertThat(article.get("events").valueStream().map((e) -> e.get("title").asString()))
                .contains("London talks on ending the war in Ukraine");
    }

    void eventParticipants(Operation operation) throws Exception {
        JsonNode event = data(operation, operation.variables()).at("/events/edges/0/node");
        assertThat(event.get("title").asString()).isEqualTo("London talks on ending the war in Ukraine");
        long participants = jdbc.sql("""
                select count(*) from event_participants p join events e on e.id = p.event_id where e.title = ?""")
                .param(event.get("title").asString())
                .query(Long.class)
                .single();
        assertThat(event.at("/participantsConnection/totalCount").asLong()).isEqualTo(participants);
        assertThat(event.at("/participantsConnection/edges").size()).isEqualTo((int) participants);
        Map<String, JsonNode> byActor = new HashMap<>();
        event.at("/participantsConnection/edges")
                .forEach((e) -> byActor.put(e.at("/node/actor/name").asString(), e.get("node")));
        assertThat(byActor.get("Marco Rubio").get("role").asString()).isEqualTo("WITHDREW");
        assertThat(byActor.get("Keith Kellogg").get("role").asString()).isEqualTo("REPRESENTATIVE");
        assertThat(byActor.get("Keith Kellogg").at("/represents/name").asString())
                .isEqualTo("United States");
        assertThat(event.at("/parent/kind").asString()).isEqualTo("PEACE_PROCESS");
    }

    void statementPage(Operation operation) throws Exception {
        long total =
                jdbc.sql("select count(*) from statements").query(Long.class).single();
        List<String> forward = new ArrayList<>();
        String after = null;
        do {
            var variables = new HashMap<>(operation.variables());
            variables.put("after", after);
            JsonNode page = data(operation, variables).get("statements");
            assertThat(page.get("totalCount").asLong()).isEqualTo(total);
            page.get("edges").forEach((edge) -> forward.add(edge.at("/node/id").asString()));
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
            assertThat(forward.size()).isLessThanOrEqualTo((int) total);
        } while (after != null);
        assertThat(forward).hasSize((int) total).doesNotHaveDuplicates();

        List<String> backward = new ArrayList<>();
        String before = null;
        do {
            var variables = new HashMap<String, Object>();
            variables.put("last", 5);
            variables.put("before", before);
            JsonNode page = data(operation, variables).get("statements");
            List<String> ids = page.get("edges")
                    .valueStream()
                    .map((edge) -> edge.at("/node/id").asString())
                    .toList();
            backward.addAll(0, ids);
            before = page.at("/pageInfo/hasPreviousPage").asBoolean()
                    ? page.at("/pageInfo/startCursor").asString()
                    : null;
            assertThat(backward.size()).isLessThanOrEqualTo((int) total);
        } while (before != null);
        assertThat(backward).as("paging backwards gives the same list").isEqualTo(forward);
    }

    void nodeLookup(Operation operation) throws Exception {
        JsonNode committed = data(operation, operation.variables()).get("node");
        // database IDs depend on load order, so the example's ID names some actor of the demo, not a given one
        assertThat(committed.get("__typename").asString())
                .as("the example's id " + operation.variables())
                .isEqualTo("Actor");
        assertThat(jdbc.sql("select count(*) from actors where name = ?")
                        .param(committed.get("name").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // language=GraphQL
        String ids = """
                { actors(first: 1) { edges { node { id name } } }
                  articles(first: 1) { edges { node { id title } } }
                  events(first: 1) { edges { node { id title } } }
                  statements(first: 1) { edges { node { id text } } } }""";
        JsonNode lists = data(new Operation("ids", ids, Map.of()), Map.of());
        Map<String, Function<JsonNode, String>> expected = new LinkedHashMap<>();
        expected.put("actors", (n) -> n.get("name").asString());
        expected.put("articles", (n) -> n.get("title").asString());
        expected.put("events", (n) -> n.get("title").asString());
        expected.put("statements", (n) -> n.get("text").asString());
        for (var entry : expected.entrySet()) {
            JsonNode listed = lists.at("/" + entry.getKey() + "/edges/0/node");
            JsonNode found =
                    data(operation, Map.of("id", listed.get("id").asString())).get("node");
            String type = switch (entry.getKey()) {
                case "actors" -> "Actor";
                case "articles" -> "Article";
                case "events" -> "Event";
                default -> "Statement";
            };
            assertThat(found.get("__typename").asString()).isEqualTo(type);
            assertThat(entry.getValue().apply(found)).isEqualTo(entry.getValue().apply(listed));
        }
    }

    void searchEverything(Operation operation) throws Exception {
        JsonNode search = data(operation, operation.variables()).get("search");
        List<JsonNode> nodes =
                search.get("edges").valueStream().map((e) -> e.get("node")).toList();
        assertThat(nodes).isNotEmpty();
        assertThat(nodes)
                .extracting((n) -> n.get("__typename").asString())
                .isSubsetOf("Article", "Actor", "Event", "Statement");
        assertThat(nodes).anySatisfy((n) -> {
            assertThat(n.get("__typename").asString()).isEqualTo("Event");
            assertThat(n.get("title").asString()).isEqualTo("London talks on ending the war in Ukraine");
        });
        List<Double> scores = search.get("edges")
                .valueStream()
                .map((e) -> e.get("score").asDouble())
                .toList();
        assertThat(scores).as("best first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(search.get("totalCount").asInt()).isGreaterThanOrEqualTo(nodes.size());

        JsonNode typo = data(operation, Map.of("query", "Zelenskiy")).get("search");
        assertThat(typo.get("edges").valueStream().map((e) -> e.get("node")))
                .anySatisfy((n) -> assertThat(n.path("name").asString()).isEqualTo("Volodymyr Zelensky"));
    }

    void statementDetails(Operation operation) throws Exception {
        JsonNode article = data(operation, operation.variables()).get("article");
        assertThat(article.get("publishedAtPrecision").asString()).isEqualTo("DAY");
        List<JsonNode> nodes = article.at("/statements/edges")
                .valueStream()
                .map((e) -> e.get("node"))
                .toList();
        assertThat(nodes).extracting((n) -> n.get("position").asInt()).isSorted();
        assertThat(nodes).anySatisfy((n) -> assertThat(n.get("speakers").size()).isEqualTo(2));
        assertThat(nodes)
                .anySatisfy(
                        (n) -> assertThat(n.at("/addressee/name").asString()).isEqualTo("CNN"));
        assertThat(nodes).anySatisfy((n) -> assertThat(n.get("kind").asString()).isEqualTo("REFUSAL"));
        assertThat(nodes).anySatisfy((n) -> assertThat(n.get("kind").asString()).isEqualTo("ARTICLE_CLAIM"));
        assertThat(nodes)
                .anySatisfy((n) -> assertThat(n.get("hedge").asString()).isEqualTo("EXPECTED"));
        assertThat(nodes).anySatisfy((n) -> {
            assertThat(n.get("translated").asBoolean()).isTrue();
            assertThat(n.at("/within/text").asString()).startsWith("Putin's remarks");
        });
        assertThat(nodes)
                .anySatisfy((n) -> assertThat(
                                n.at("/relationsConnection/edges/0/node/kind").asString())
                        .isEqualTo("CONFIRMS"));
        long said =
                jdbc.sql("select count(*) from statements").query(Long.class).single();
        assertThat(nodes).hasSize((int) Math.min(said, 50));
    }

    void eventHistory(Operation operation) throws Exception {
        JsonNode event = data(operation, operation.variables()).get("event");
        assertThat(event.get("title").asString()).isEqualTo("US framework for ending the war in Ukraine");
        assertThat(event.at("/parent/parent/title").asString()).isEqualTo("Russia's war in Ukraine");
        long expected = jdbc.sql("""
                        select count(distinct se.statement_id) from statement_events se
                        where se.event_id in (select newsgraph_event_and_descendants(
                                (select id from events where external_key = ?)))""")
                .param(event.get("title").isMissingNode() ? "" : "2025-04-us-framework-to-end-ukraine-war")
                .query(Long.class)
                .single();
        assertThat(event.at("/statements/totalCount").asLong()).isEqualTo(expected);
        List<String> days = event.at("/statements/edges")
                .valueStream()
                .map((e) -> e.at("/node/saidOn").isNull()
                        ? ""
                        : e.at("/node/saidOn").asString())
                .toList();
        assertThat(days).as("oldest first, undated first").isSorted();
    }

    void ingestArticle(Operation operation) throws Exception {
        // The demo document as it is: already stored, so the example writes nothing and answers UNCHANGED.
        Map<String, Object> demo = json.readValue(
                Files.readString(Path.of("db/demo/ukraine-peace-talks-2025-04-22.json")),
                new TypeReference<Map<String, Object>>() {});
        JsonNode payload = data(operation, Map.of("input", demo), editorKey()).get("ingestArticle");
        assertThat(payload.get("errors").size()).as(payload.toString()).isZero();
        assertThat(payload.get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(payload.at("/article/publishedAtPrecision").asString()).isEqualTo("DAY");
    }

    void updateEvent(Operation operation) throws Exception {
        var row = jdbc.sql("select id, status from events where external_key = '2025-04-23-london-ukraine-talks'")
                .query()
                .singleRow();
        String id = org.newsgraph.relay.GlobalId.encode("Event", ((Number) row.get("id")).longValue());
        // Setting the status it has: a correction that changes nothing (the demo data stays as it is).
        JsonNode payload = data(operation, Map.of("id", id, "status", row.get("status")), editorKey())
                .get("updateEvent");
        assertThat(payload.get("errors").size()).isZero();
        assertThat(payload.get("changed").asBoolean()).isFalse();
        assertThat(payload.at("/event/status").asString()).isEqualTo(row.get("status"));
    }

    private String editorKey() {
        return keys.create("operations-" + java.util.UUID.randomUUID(), org.newsgraph.auth.Role.EDITOR);
    }

    // --- helpers ----------------------------------------------------------------------------------

    static List<Operation> operations() throws IOException {
        try (Stream<Path> files = Files.list(OPERATIONS)) {
            List<Path> documents = files.filter((f) -> f.toString().endsWith(".graphql"))
                    .sorted()
                    .toList();
            List<Operation> operations = new ArrayList<>();
            for (Path file : documents) {
                String name = file.getFileName().toString().replaceFirst("\\.graphql$", "");
                Path variablesFile = OPERATIONS.resolve(name + ".variables.json");
                Map<String, Object> variables = Files.exists(variablesFile)
                        ? json.readValue(Files.readString(variablesFile), new TypeReference<Map<String, Object>>() {})
                        : Map.of();
                operations.add(new Operation(name, Files.readString(file), variables));
            }
            return operations;
        }
    }

    /** Runs the operation over HTTP; asserts 200 and no errors; returns {@code data}. */
    JsonNode data(Operation operation, Map<String, Object> variables) throws Exception {
        return data(operation, variables, null);
    }

    /** Like {@link #data(Operation, Map)}, with an API key (for the mutations). */
    JsonNode data(Operation operation, Map<String, Object> variables, String key) throws Exception {
        var body = new HashMap<String, Object>();
        body.put("query", operation.document());
        body.put("variables", variables);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(operation.name() + ": " + response.body())
                .isEqualTo(200);
        JsonNode result = json.readTree(response.body());
        assertThat(result.has("errors"))
                .as(operation.name() + " errors: " + result.get("errors"))
                .isFalse();
        return result.get("data");
    }
}
