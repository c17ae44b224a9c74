package org.newsgraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.support.DemoDataHttpTest;
import org.newsgraph.support.IntegrationTest;

/** The graph walked over HTTP from every entry point and back again, against the demo data. */
@IntegrationTest
class TraversalTest extends DemoDataHttpTest {

    private String actorId(String name) {
        return GlobalId.encode(
                "Actor",
                jdbc.sql("select id from actors where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single());
    }

    private String eventId(String titleLike) {
        return GlobalId.encode(
                "Event",
                jdbc.sql("select id from events where title like ?")
                        .param(titleLike)
                        .query(Long.class)
                        .single());
    }

    @Test
    void actorToStatementsToEventsToParticipants_andBack() {
        String zelensky = actorId("Volodymyr Zelensky");
        // language=GraphQL
        var response = graphQl.document("""
                query($id: ID!) {
                  actor(id: $id) {
                    name
                    statements(first: 10) {
                      totalCount
                      edges { node { id text speaker { id }
                        article { title statements(filter: {speaker: $id}, first: 10) { edges { node { id } } } }
                        events { id title statements(filter: {speaker: $id}, first: 10) { edges { node { id } } } } } }
                    }
                  }
                }""").variable("id", zelensky).execute();
        response.path("actor.name").entity(String.class).isEqualTo("Volodymyr Zelensky");
        long expected = jdbc.sql(
                        "select count(*) from statements s join actors a on a.id = s.speaker_id where a.name = 'Volodymyr Zelensky'")
                .query(Long.class)
                .single();
        response.path("actor.statements.totalCount").entity(Long.class).isEqualTo(expected);
        response.path("actor.statements.edges[*].node.speaker.id")
                .entityList(String.class)
                .satisfies(ids -> assertThat(ids).hasSize((int) expected).containsOnly(zelensky));
        response.path("actor.statements.edges[*].node.text")
                .entityList(String.class)
                .contains("It is against our constitution.");
        // Back from each statement's article and events to the statement itself.
        List<String> statementIds = response.path("actor.statements.edges[*].node.id")
                .entityList(String.class)
                .get();
        for (int i = 0; i < statementIds.size(); i++) {
            String edge = "actor.statements.edges[" + i + "].node";
            response.path(edge + ".article.statements.edges[*].node.id")
                    .entityList(String.class)
                    .contains(statementIds.get(i));
            int events = response.path(edge + ".events")
                    .entityList(Object.class)
                    .get()
                    .size();
            assertThat(events).as("every Zelensky statement is about an event").isPositive();
            for (int e = 0; e < events; e++) {
                response.path(edge + ".events[" + e + "].statements.edges[*].node.id")
                        .entityList(String.class)
                        .contains(statementIds.get(i));
            }
        }
        // Participants lead back to the events through their participations (a second query: the first
        // one is near the complexity limit).
        // language=GraphQL
        var participants = graphQl.document("""
                query($id: ID!) {
                  actor(id: $id) { statements(first: 1) { edges { node { events { id
                    participants { role actor { name participations(first: 10) { edges { node { event { id } role } } } } } } } } } }
                }""").variable("id", zelensky).execute();
        String eventId = participants
                .path("actor.statements.edges[0].node.events[0].id")
                .entity(String.class)
                .get();
        int count = participants
                .path("actor.statements.edges[0].node.events[0].participants")
                .entityList(Object.class)
                .get()
                .size();
        assertThat(count).isPositive();
        for (int p = 0; p < count; p++) {
            participants
                    .path("actor.statements.edges[0].node.events[0].participants[" + p
                            + "].actor.participations.edges[*].node.event.id")
                    .entityList(String.class)
                    .contains(eventId);
        }
    }

    @Test
    void londonTalks_participants_withRolesAndRepresentation() {
        // language=GraphQL
        graphQl.document("""
                query($id: ID!) {
                  event(id: $id) {
                    title kind status startsOn startsOnPrecision location
                    participants { role note actor { name } represents { name } }
                    parent { title kind subEvents { id } }
                    relatedEvents { kind direction event { title relatedEvents { kind direction event { id } } } }
                    articles(first: 5) { totalCount edges { node { title events { id } } } }
                  }
                }""")
                .variable("id", eventId("London talks%"))
                .execute()
                .path("event.kind")
                .entity(String.class)
                .isEqualTo("TALKS")
                .path("event.startsOn")
                .entity(String.class)
                .isEqualTo("2025-04-23")
                .path("event.startsOnPrecision")
                .entity(String.class)
                .isEqualTo("DAY")
                .path("event.participants[?(@.role == 'HOST')].actor.name")
                .entityList(String.class)
                .containsExactly("David Lammy")
                .path("event.participants[?(@.role == 'REPRESENTATIVE')].represents.name")
                .entityList(String.class)
                .containsExactly("United States")
                .path("event.participants[?(@.role == 'WITHDREW')].actor.name")
                .entityList(String.class)
                .containsExactly("Marco Rubio")
                .path("event.parent.kind")
                .entity(String.class)
                .isEqualTo("PEACE_PROCESS")
                .path("event.parent.subEvents[*].id")
                .entityList(String.class)
                .contains(eventId("London talks%"))
                .path("event.relatedEvents[?(@.kind == 'FOLLOWS')].direction")
                .entityList(String.class)
                .containsExactly("OUTGOING")
                .path("event.relatedEvents[?(@.kind == 'FOLLOWS')].event.title")
                .entityList(String.class)
                .containsExactly("Paris meeting on a US ceasefire framework")
                .path(
                        "event.relatedEvents[?(@.kind == 'FOLLOWS')].event.relatedEvents[?(@.kind == 'FOLLOWS')].direction")
                .entityList(String.class)
                .containsExactly("INCOMING")
                .path("event.articles.totalCount")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("event.articles.edges[0].node.events[*].id")
                .entityList(String.class)
                .contains(eventId("London talks%"));
    }

    @Test
    void articleByUrl_toPublisherAuthorsActorsEventsAndStatements_andBack() {
        String url = jdbc.sql("select url from articles").query(String.class).single();
        // language=GraphQL
        var response = graphQl.document("""
                query($url: String!) {
                  article(url: $url) {
                    id url title publishedAt language summary
                    publisher { name kind }
                    authors { name articles(first: 5) { edges { node { url } } } }
                    contributors { name }
                    actors { name }
                    events { title articles(first: 5) { edges { node { url } } } }
                    statements(first: 100) { totalCount edges { node { article { url } } } }
                  }
                }""").variable("url", url).execute();
        response.path("article.url")
                .entity(String.class)
                .isEqualTo(url)
                .path("article.publishedAt")
                .entity(String.class)
                .isEqualTo("2025-04-22T00:00:00Z")
                .path("article.publisher.name")
                .entity(String.class)
                .isEqualTo("CNN")
                .path("article.authors[*].name")
                .entityList(String.class)
                .containsExactly("Todd Symons")
                .path("article.authors[0].articles.edges[*].node.url")
                .entityList(String.class)
                .containsExactly(url)
                .path("article.contributors[*].name")
                .entityList(String.class)
                .contains("Anna Chernova")
                .path("article.actors[*].name")
                .entityList(String.class)
                .contains("Volodymyr Zelensky", "Dmitry Peskov", "Reuters", "Interfax", "David Lammy")
                .path("article.events[*].title")
                .entityList(String.class)
                .hasSize(jdbc.sql("select count(*) from article_events")
                        .query(Integer.class)
                        .single())
                .path("article.events[*].articles.edges[*].node.url")
                .entityList(String.class)
                .satisfies(list -> assertThat(list).containsOnly(url))
                .path("article.statements.totalCount")
                .entity(Integer.class)
                .isEqualTo(jdbc.sql("select count(*) from statements")
                        .query(Integer.class)
                        .single())
                .path("article.statements.edges[*].node.article.url")
                .entityList(String.class)
                .satisfies(list -> assertThat(list).containsOnly(url));
        String id = response.path("article.id").entity(String.class).get();
        // language=GraphQL
        graphQl.document("query($id: ID) { article(id: $id) { url } }")
                .variable("id", id)
                .execute()
                .path("article.url")
                .entity(String.class)
                .isEqualTo(url);
    }

    @Test
    void statement_relayChain_mentions_andMentionedInBack() {
        long peskovStatement = jdbc.sql(
                        "select s.id from statements s join actors a on a.id = s.speaker_id where a.name = 'Dmitry Peskov'"
                                + " and s.kind = 'DIRECT_QUOTE'")
                .query(Long.class)
                .single();
        String id = GlobalId.encode("Statement", peskovStatement);
        // language=GraphQL
        graphQl.document("""
                query($id: ID!) {
                  statement(id: $id) {
                    id kind text cue channel saidOn saidOnPrecision position
                    speaker { name affiliations { title organization { name } } }
                    relayedVia { name kind }
                    mentions { name mentionedIn(first: 50) { edges { node { id } } } }
                    events { title }
                  }
                }""")
                .variable("id", id)
                .execute()
                .path("statement.id")
                .entity(String.class)
                .isEqualTo(id)
                .path("statement.kind")
                .entity(String.class)
                .isEqualTo("DIRECT_QUOTE")
                .path("statement.speaker.name")
                .entity(String.class)
                .isEqualTo("Dmitry Peskov")
                .path("statement.relayedVia[*].name")
                .entityList(String.class)
                .containsExactly("Reuters", "Interfax")
                .path("statement.relayedVia[*].kind")
                .entityList(String.class)
                .satisfies(list -> assertThat(list).containsOnly("NEWS_AGENCY"))
                .path("statement.mentions[*].name")
                .entityList(String.class)
                .satisfies(list -> assertThat(list).containsExactlyInAnyOrder("Vladimir Putin", "Ukraine"))
                .path("statement.mentions[0].mentionedIn.edges[*].node.id")
                .entityList(String.class)
                .contains(id)
                .path("statement.mentions[1].mentionedIn.edges[*].node.id")
                .entityList(String.class)
                .contains(id)
                .path("statement.events[*].title")
                .entityList(String.class)
                .hasSize(1);
    }

    @Test
    void actor_aliasesAffiliationsAndParticipations() {
        // language=GraphQL
        graphQl.document("""
                query($id: ID!) {
                  actor(id: $id) {
                    name kind description wikidataId aliases
                    affiliations { title validFrom validTo organization { name } }
                    participations(first: 10) { totalCount edges { node { role event { title } actor { name } } } }
                    withdrew: participations(role: WITHDREW) { edges { node { event { title } } } }
                  }
                }""")
                .variable("id", actorId("Marco Rubio"))
                .execute()
                .path("actor.kind")
                .entity(String.class)
                .isEqualTo("PERSON")
                .path("actor.aliases")
                .entityList(String.class)
                .contains("Rubio")
                .path("actor.affiliations[*].title")
                .entityList(String.class)
                .satisfies(list -> assertThat(list).anyMatch(t -> t.contains("Secretary of State")))
                .path("actor.participations.edges[*].node.actor.name")
                .entityList(String.class)
                .satisfies(list -> assertThat(list).containsOnly("Marco Rubio"))
                .path("actor.participations.totalCount")
                .entity(Integer.class)
                .isEqualTo(jdbc.sql(
                                "select count(*) from event_participants p join actors a on a.id = p.actor_id where a.name = 'Marco Rubio'")
                        .query(Integer.class)
                        .single())
                .path("actor.withdrew.edges[*].node.event.title")
                .entityList(String.class)
                .containsExactly("London talks on ending the war in Ukraine");
    }
}
