package org.newsgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Everything the demo article says beyond "X said Y about Z", asked for over HTTP in one query each: several
 * speakers, addressees, refusals, hedges, translation, nesting, statements about statements, the article's own
 * claims, per-party positions, status history, planned participation, person-to-person roles, the peace process
 * inside the war, date filters by overlap, sub-event statements, the new filters, ranked actor search, orders
 * with their cursors, and the IDs client caches key by.
 */
@IntegrationTest
class NewsReportReadingTest extends DemoDataHttpTest {

    private GraphQlTester.Response run(String document, Object... variables) {
        var request = graphQl.document(document);
        for (int i = 0; i < variables.length; i += 2)
            request = request.variable((String) variables[i], variables[i + 1]);
        return request.execute();
    }

    private String actorId(String name) {
        return GlobalId.encode(
                "Actor",
                jdbc.sql("select id from actors where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single());
    }

    private List<String> texts(String document, Object... variables) {
        return run(document, variables)
                .path("statements.edges[*].node.text")
                .entityList(String.class)
                .get();
    }

    // language=GraphQL
    private static final String STATEMENTS = """
            query($filter: StatementFilter) { statements(filter: $filter, first: 100) { edges { node { text } } } }""";

    @Test
    void oneStatementWithTwoSpeakers_isEachSpeakersStatement() {
        // language=GraphQL
        var response = run("""
                query {
                  statements(filter: {text: "\\"broad framework\\""}) {
                    edges { node { speaker { name } speakers { name } } }
                  }
                }""");
        response.path("statements.edges").entityList(Object.class).hasSize(1);
        response.path("statements.edges[0].node.speakers[*].name")
                .entityList(String.class)
                .containsExactly("Marco Rubio", "United States Department of State");
        response.path("statements.edges[0].node.speaker.name")
                .entity(String.class)
                .isEqualTo("Marco Rubio");

        // language=GraphQL
        var ofStateDepartment = run("""
                query($id: ID!) { actor(id: $id) { statements { totalCount edges { node { text } } } } }""", "id", actorId("United States Department of State"))
                .path("actor.statements.edges[*].node.text")
                .entityList(String.class)
                .get();
        assertThat(ofStateDepartment).anyMatch(text -> text.startsWith("The broad framework"));
        assertThat(texts(STATEMENTS, "filter", Map.of("speaker", actorId("United States Department of State"))))
                .isEqualTo(ofStateDepartment);
        assertThat(texts(STATEMENTS, "filter", Map.of("speakerName", "state department")))
                .isEqualTo(ofStateDepartment);
    }

    @Test
    void addressee_isAnActor_andAFilter() {
        // language=GraphQL
        var response = run("""
                query($cnn: ID!) {
                  statements(filter: {addressee: $cnn}) { edges { node { speaker { name } addressee { name } channel } } }
                }""", "cnn", actorId("CNN"));
        response.path("statements.edges[*].node.speaker.name")
                .entityList(String.class)
                .containsExactly(
                        "An official familiar with the framework",
                        "An official familiar with the framework",
                        "An official familiar with the framework");
        response.path("statements.edges[*].node.addressee.name")
                .entityList(String.class)
                .satisfies(l -> assertThat(l).containsOnly("CNN"));
        assertThat(texts(STATEMENTS, "filter", Map.of("addressee", actorId("Reporters"))))
                .hasSize(3)
                .contains("There is nothing to talk about.");
    }

    @Test
    void refusals_areAKindOfTheirOwn_keepingTheQuotedWords() {
        var refusals = texts(STATEMENTS, "filter", Map.of("kind", "REFUSAL"));
        assertThat(refusals).hasSize(2);
        assertThat(refusals).anyMatch(text -> text.contains("\"stepping back\""));
        assertThat(texts(STATEMENTS, "filter", Map.of("kind", "REFUSAL", "cue", "Declined to say")))
                .singleElement()
                .satisfies(text -> assertThat(text).contains("stepping back"));
    }

    @Test
    void hedgeFrequencyTranslationAndNesting_areReadable() {
        // language=GraphQL
        var response = run("""
                query {
                  statements(first: 100) {
                    edges { node { text kind hedge frequency translated originalLanguage
                                   within { text speaker { name } } nested { text } } }
                  }
                }""");
        List<Map<String, Object>> nodes = response.path("statements.edges[*].node")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .get();
        var hedged =
                nodes.stream().filter(n -> "EXPECTED".equals(n.get("hedge"))).toList();
        assertThat(hedged)
                .extracting(n -> (String) n.get("text"))
                .anyMatch(text -> text.startsWith("Steve Witkoff will travel to Moscow"));
        assertThat(nodes.stream().filter(n -> "FIRST_TIME".equals(n.get("frequency"))))
                .hasSize(2);
        assertThat(nodes.stream().filter(n -> "PREVIOUSLY".equals(n.get("frequency"))))
                .singleElement()
                .satisfies(n -> assertThat(n.get("kind")).isEqualTo("ARTICLE_CLAIM"));
        var translated = nodes.stream()
                .filter(n -> Boolean.TRUE.equals(n.get("translated")))
                .toList();
        assertThat(translated).singleElement().satisfies(n -> {
            assertThat(n.get("kind")).isEqualTo("DIRECT_QUOTE");
            assertThat(n.get("originalLanguage")).isEqualTo("ru");
            assertThat(n.get("text")).asString().startsWith("(Putin) had in mind");
            @SuppressWarnings("unchecked")
            var within = (Map<String, Object>) n.get("within");
            assertThat(within.get("text")).asString().startsWith("Putin's remarks");
            assertThat(within.get("speaker")).isEqualTo(Map.of("name", "Dmitry Peskov"));
        });
        var outer = nodes.stream()
                .filter(n -> ((String) n.get("text")).startsWith("Putin's remarks"))
                .findFirst()
                .orElseThrow();
        assertThat(outer.get("nested"))
                .asList()
                .singleElement()
                .isEqualTo(Map.of("text", translated.get(0).get("text")));
        assertThat(nodes.stream().filter(n -> n.get("within") != null)).hasSize(1);
    }

    @Test
    void statementsAboutStatements_pointBothWays_withIdsOfTheirOwn() {
        // language=GraphQL
        var response = run("""
                query {
                  statements(filter: {cue: "confirmed"}) {
                    edges { node { speaker { name }
                                   relations { id kind direction statement { speaker { name } relations { id direction } } } } }
                  }
                }""");
        response.path("statements.edges[*].node.speaker.name")
                .entityList(String.class)
                .satisfies(l -> assertThat(l).containsExactlyInAnyOrder("Kremlin", "Dmitry Peskov"));
        List<Map<String, Object>> relations = response.path("statements.edges[*].node.relations[0]")
                .entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .get();
        assertThat(relations).extracting(r -> r.get("kind")).containsOnly("CONFIRMS");
        assertThat(relations).extracting(r -> r.get("direction")).containsOnly("OUTGOING");
        assertThat(relations.stream()
                        .map(r -> (String) ((Map<?, ?>) ((Map<?, ?>) r.get("statement")).get("speaker")).get("name"))
                        .toList())
                .containsExactlyInAnyOrder("White House", "Vladimir Putin");
        for (var relation : relations) {
            var back = (List<?>) ((Map<?, ?>) relation.get("statement")).get("relations");
            assertThat(back).singleElement().satisfies(b -> {
                assertThat(((Map<?, ?>) b).get("direction")).isEqualTo("INCOMING");
                assertThat(((Map<?, ?>) b).get("id")).isNotEqualTo(relation.get("id"));
            });
        }
    }

    @Test
    void theArticlesOwnClaims_areTheirOwnKind_spokenByThePublisher() {
        // language=GraphQL
        var response = run("""
                query {
                  statements(filter: {kind: ARTICLE_CLAIM}, first: 100) { totalCount edges { node { text speaker { name } relayedVia { name } } } }
                }""");
        response.path("statements.totalCount")
                .entity(Integer.class)
                .isEqualTo(jdbc.sql("select count(*) from statements where kind = 'ARTICLE_CLAIM'")
                        .query(Integer.class)
                        .single());
        response.path("statements.edges[*].node.speaker.name")
                .entityList(String.class)
                .satisfies(l -> assertThat(l).containsOnly("CNN"));
        response.path("statements.edges[*].node.text")
                .entityList(String.class)
                .contains("Moscow has stalled on negotiations before.");
        assertThat(texts(STATEMENTS, "filter", Map.of("speakerName", "CNN")))
                .allMatch(text -> !text.isBlank())
                .hasSize(6);
    }

    @Test
    void partiesPositions_statusHistory_andPlannedParticipation() {
        // language=GraphQL
        var response = run("""
                query {
                  ceasefire: event(externalKey: "2025-us-30-day-ceasefire-proposal") {
                    status statusHistory { id status on onPrecision note }
                    participants { id role stance actor { name } }
                  }
                  london: event(externalKey: "2025-04-23-london-ukraine-talks") {
                    status statusHistory { status on onPrecision }
                    parent { title parent { title kind } }
                  }
                  work: event(externalKey: "2025-w17-us-europe-ukraine-framework-work") {
                    participants { role actor { name } }
                  }
                }""");
        response.path("ceasefire.status").entity(String.class).isEqualTo("REJECTED");
        response.path("ceasefire.statusHistory[*].status")
                .entityList(String.class)
                .containsExactly("PROPOSED", "REJECTED");
        response.path("ceasefire.participants[?(@.actor.name == 'Ukraine')].stance")
                .entityList(String.class)
                .containsExactly("AGREED");
        response.path("ceasefire.participants[?(@.actor.name == 'Ukraine')].role")
                .entityList(String.class)
                .containsExactly("SUPPORTER");
        response.path("ceasefire.participants[?(@.actor.name == 'Russia')].stance")
                .entityList(String.class)
                .containsExactly("REJECTED");
        response.path("london.status").entity(String.class).isEqualTo("DOWNGRADED");
        response.path("london.statusHistory[*].status")
                .entityList(String.class)
                .containsExactly("SCHEDULED", "DOWNGRADED");
        response.path("london.statusHistory[1].on").entity(String.class).isEqualTo("2025-04-22");
        // The peace process sits inside the war: a walk up the parents of the London talks reaches it.
        response.path("london.parent.parent.kind").entity(String.class).isEqualTo("WAR");
        response.path("work.participants[?(@.role == 'PLANNED')].actor.name")
                .entityList(String.class)
                .satisfies(l -> assertThat(l).containsExactlyInAnyOrder("European officials", "Ukraine"));
    }

    @Test
    void publishedAt_canBeADateOnly() {
        // language=GraphQL
        var response = run("""
                query { articles { edges { node { publishedAt publishedAtPrecision } } } }""");
        response.path("articles.edges[0].node.publishedAt").entity(String.class).isEqualTo("2025-04-22T00:00:00Z");
        response.path("articles.edges[0].node.publishedAtPrecision")
                .entity(String.class)
                .isEqualTo("DAY");
    }

    @Test
    void anAffiliation_canBeToAPerson() {
        // language=GraphQL
        var response = run("""
                query($id: ID!) { actor(id: $id) { affiliations { id title holder { name } of { name kind } } } }""", "id", actorId("Keith Kellogg"));
        response.path("actor.affiliations[0].of.name").entity(String.class).isEqualTo("Donald Trump");
        response.path("actor.affiliations[0].of.kind").entity(String.class).isEqualTo("PERSON");
        response.path("actor.affiliations[0].holder.name").entity(String.class).isEqualTo("Keith Kellogg");
        response.path("actor.affiliations[0].title")
                .entity(String.class)
                .isEqualTo("Special envoy for Ukraine and Russia");
    }

    // language=GraphQL
    private static final String EVENTS = """
            query($filter: EventFilter) { events(filter: $filter, first: 100) { edges { node { title } } } }""";

    @Test
    void dateFilters_keepWhatOverlapsTheRange() {
        var titles = run(EVENTS, "filter", Map.of("from", "2025-04-17", "to", "2025-04-17"))
                .path("events.edges[*].node.title")
                .entityList(String.class)
                .get();
        assertThat(titles).contains("Paris meeting on a US ceasefire framework"); // the week of 2025-04-14
        assertThat(titles).doesNotContain("London talks on ending the war in Ukraine"); // 2025-04-23
        titles = run(EVENTS, "filter", Map.of("from", "2014-03-01", "to", "2014-06-30"))
                .path("events.edges[*].node.title")
                .entityList(String.class)
                .get();
        assertThat(titles).contains("Russian annexation of Crimea"); // 2014, a YEAR
        assertThat(titles).doesNotContain("Russian invasion of Ukraine"); // 2022
        // An ongoing war without an end date overlaps any later range.
        assertThat(run(EVENTS, "filter", Map.of("from", "2025-04-23"))
                        .path("events.edges[*].node.title")
                        .entityList(String.class)
                        .get())
                .contains("Russia's war in Ukraine", "London talks on ending the war in Ukraine")
                .doesNotContain("Paris meeting on a US ceasefire framework");
        // Statements too: Rubio's warning of the week of 2025-04-14 was said within 2025-04-17..18.
        assertThat(texts(STATEMENTS, "filter", Map.of("saidFrom", "2025-04-17", "saidTo", "2025-04-18")))
                .containsExactly("Washington may abandon its push to end the conflict if no progress becomes visible.");
    }

    @Test
    void eventStatements_includeSubEvents_atAnyDepth_eachOnce() {
        // language=GraphQL
        var document = """
                query($deep: Boolean) {
                  event(externalKey: "2025-04-us-framework-to-end-ukraine-war") {
                    statements(includeSubEvents: $deep, first: 100) { totalCount edges { node { id text } } }
                  }
                }""";
        var own = run(document, "deep", false)
                .path("event.statements.edges[*].node.text")
                .entityList(String.class)
                .get();
        var all = run(document, "deep", true)
                .path("event.statements.edges[*].node.id")
                .entityList(String.class)
                .get();
        var allTexts = run(document, "deep", true)
                .path("event.statements.edges[*].node.text")
                .entityList(String.class)
                .get();
        assertThat(own).doesNotContain("Ukraine will not legally recognize the occupation of Crimea.");
        assertThat(allTexts)
                .contains("Ukraine will not legally recognize the occupation of Crimea.")
                .containsAll(own);
        assertThat(all).doesNotHaveDuplicates();
        long expected = jdbc.sql("""
                        select count(distinct se.statement_id) from statement_events se
                        where se.event_id in (select newsgraph_event_and_descendants(
                                (select id from events where external_key = '2025-04-us-framework-to-end-ukraine-war')))""").query(Long.class).single();
        assertThat(all).hasSize((int) expected);
        run(document, "deep", true)
                .path("event.statements.totalCount")
                .entity(Long.class)
                .isEqualTo(expected);
    }

    @Test
    void statementFilters_relayMentionCueChannel_andActorRelayed() {
        String interfax = actorId("Interfax");
        var relayedByInterfax = texts(STATEMENTS, "filter", Map.of("relayedBy", interfax));
        assertThat(relayedByInterfax).hasSize(2).allMatch(text -> text.contains("Putin"));
        // language=GraphQL
        assertThat(run("""
                query($id: ID!) { actor(id: $id) { relayed { totalCount edges { node { text relayedVia { name } } } } } }""", "id", interfax)
                        .path("actor.relayed.edges[*].node.text")
                        .entityList(String.class)
                        .get())
                .isEqualTo(relayedByInterfax);
        assertThat(texts(STATEMENTS, "filter", Map.of("mentions", actorId("Steve Witkoff"))))
                .hasSize(jdbc.sql("""
                                select count(*) from statement_mentions m join actors a on a.id = m.actor_id
                                where a.name = 'Steve Witkoff'""").query(Integer.class).single());
        assertThat(texts(STATEMENTS, "filter", Map.of("channel", "POST ON X"))).hasSize(2);
        assertThat(texts(STATEMENTS, "filter", Map.of("speakerName", "Rubio")))
                .hasSize(jdbc.sql("""
                                select count(*) from statements s join actors a on a.name = 'Marco Rubio'
                                where s.speaker_id = a.id
                                   or exists (select 1 from statement_speakers sp where sp.statement_id = s.id and sp.actor_id = a.id)""").query(Integer.class).single())
                .anyMatch(text -> text.startsWith("The broad framework"));
    }

    @Test
    void eventByExternalKey_andItsArgumentErrors() {
        run("""
                        query { event(externalKey: "2025-04-23-london-ukraine-talks") { title externalKey } }""").path("event.title").entity(String.class).isEqualTo("London talks on ending the war in Ukraine");
        run("""
                        query { event(externalKey: "no-such-key") { title } }""").path("event").valueIsNull();
        var errors = new ArrayList<ResponseError>();
        graphQl.document("""
                        query { event { title } }""").execute().errors().satisfy(errors::addAll);
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_ARGUMENTS"));
    }

    @Test
    void actorSearch_ranksByMatch_notByName() {
        // language=GraphQL
        var response = run("""
                query { search(query: "State Department", types: [ACTOR]) { edges { score node { __typename ... on Actor { name } } } } }""");
        response.path("search.edges[*].node.__typename")
                .entityList(String.class)
                .satisfies(l -> assertThat(l).containsOnly("Actor"));
        response.path("search.edges[0].node.name").entity(String.class).isEqualTo("United States Department of State");
        List<Double> scores =
                response.path("search.edges[*].score").entityList(Double.class).get();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void statementOrders_pageWithTheirOwnCursors() {
        // language=GraphQL
        var document = """
                query($order: StatementOrder, $after: String) {
                  articles(first: 1) { edges { node {
                    statements(orderBy: $order, first: 7, after: $after) {
                      pageInfo { hasNextPage endCursor } edges { node { position } }
                  } } } }
                }""";
        var positions = new ArrayList<Integer>();
        String after = null;
        for (int page = 0; page < 10; page++) {
            var response = run(document, "order", "ARTICLE_ORDER", "after", after);
            positions.addAll(response.path("articles.edges[0].node.statements.edges[*].node.position")
                    .entityList(Integer.class)
                    .get());
            if (!response.path("articles.edges[0].node.statements.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get()) break;
            after = response.path("articles.edges[0].node.statements.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        int count =
                jdbc.sql("select count(*) from statements").query(Integer.class).single();
        assertThat(positions).hasSize(count).isSorted().doesNotHaveDuplicates();

        // language=GraphQL
        var byDate = """
                query($order: StatementOrder) { statements(orderBy: $order, first: 100) { edges { cursor node { id } } } }""";
        var newest = run(byDate, "order", "NEWEST_FIRST")
                .path("statements.edges[*].node.id")
                .entityList(String.class)
                .get();
        var oldest = new ArrayList<>(run(byDate, "order", "OLDEST_FIRST")
                .path("statements.edges[*].node.id")
                .entityList(String.class)
                .get());
        java.util.Collections.reverse(oldest);
        assertThat(oldest).isEqualTo(newest);

        // A cursor of one order is refused by another.
        String newestCursor = run(byDate)
                .path("statements.edges[0].cursor")
                .entity(String.class)
                .get();
        var errors = new ArrayList<ResponseError>();
        graphQl.document("""
                        query($after: String) { statements(orderBy: ARTICLE_ORDER, after: $after) { edges { cursor } } }""").variable("after", newestCursor).execute().errors().satisfy(errors::addAll);
        assertThat(errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_CURSOR"));
    }

    @Test
    void participantsRelationsAndAffiliations_haveIdsThatNodeResolves() {
        // language=GraphQL
        var response = run("""
                query {
                  event(externalKey: "2025-04-23-london-ukraine-talks") {
                    participants { id role actor { name } }
                    relatedEvents { id kind direction event { title } }
                    statusHistory { id status }
                  }
                }""");
        String participant =
                response.path("event.participants[0].id").entity(String.class).get();
        String relation =
                response.path("event.relatedEvents[0].id").entity(String.class).get();
        String change =
                response.path("event.statusHistory[0].id").entity(String.class).get();
        String role =
                response.path("event.participants[0].role").entity(String.class).get();
        String kind = response.path("event.relatedEvents[0].kind")
                .entity(String.class)
                .get();
        // language=GraphQL
        var nodes = run("""
                query($ids: [ID!]!) {
                  nodes(ids: $ids) {
                    __typename id
                    ... on EventParticipant { role }
                    ... on EventRelation { kind direction }
                    ... on EventStatusChange { status }
                  }
                }""", "ids", List.of(participant, relation, change));
        nodes.path("nodes[*].__typename")
                .entityList(String.class)
                .containsExactly("EventParticipant", "EventRelation", "EventStatusChange");
        nodes.path("nodes[*].id").entityList(String.class).containsExactly(participant, relation, change);
        nodes.path("nodes[0].role").entity(String.class).isEqualTo(role);
        nodes.path("nodes[1].kind").entity(String.class).isEqualTo(kind);
        nodes.path("nodes[1].direction").entity(String.class).isEqualTo("OUTGOING");
        var participantIds = response.path("event.participants[*].id")
                .entityList(String.class)
                .get();
        assertThat(participantIds).doesNotHaveDuplicates();
    }
}
