package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.support.FreshDatabaseInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The {@code production} profile: no GraphiQL, no introspection, no schema printer, no demo article in a
 * new database; queries still work. No origin is granted CORS (none is configured), and the requests a page of
 * another origin can make a browser send without a preflight (form and text POSTs, GETs) cannot run a mutation.
 * Keys are bearer tokens, not cookies, so a browser would not attach one anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabaseInitializer.class)
@ActiveProfiles("production")
class ProductionProfileTest {

    @LocalServerPort
    int port;

    @Test
    void introspectionGraphiqlAndSchemaPrinter_areOff_butQueriesWork() {
        var http = new RawHttp(port);
        var introspection = http.graphql("{ __schema { types { name } } }", GRAPHQL_RESPONSE);
        assertThat(introspection.status()).isEqualTo(400);
        assertThat(introspection.json().has("data")).isFalse();
        assertThat(introspection.body()).doesNotContain("ArticleConnection");
        var type = http.graphql("{ __type(name: \"ArticleConnection\") { fields { name } } }", GRAPHQL_RESPONSE);
        assertThat(type.body()).doesNotContain("totalCount");

        assertThat(http.get("/graphiql", "text/html").status()).isEqualTo(404);
        assertThat(http.get("/graphiql/", "text/html").status()).isEqualTo(404);
        assertThat(http.get("/graphql/schema", "text/plain").status()).isEqualTo(404);

        var query = http.graphql("{ articles { totalCount } __typename }", GRAPHQL_RESPONSE);
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.json().at("/data/articles/totalCount").isInt()).isTrue();
        assertThat(query.json().at("/data/articles/totalCount").asInt())
                .as("no demo data in production")
                .isZero();
        assertThat(http.get("/actuator/health", JSON).status()).isEqualTo(200);
    }

    @Test
    void aForeignOrigin_isGrantedNothing_andWhatABrowserSendsWithoutAPreflightIsRefused() {
        var http = new RawSocketHttp(port);
        String origin = "https://evil.example";
        var preflight = http.send(new RawSocketHttp.Request(
                "OPTIONS",
                "/graphql",
                Map.of(
                        "Origin",
                        origin,
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "content-type, authorization"),
                null));
        assertThat(preflight.header("Access-Control-Allow-Origin"))
                .as("a browser does not send the JSON POST after this preflight")
                .isNull();
        // what a page of another origin can make a browser send without asking: form and text POSTs, a GET
        byte[] mutation = "{\"query\":\"mutation { deleteArticle(input: {id: \\\"QXJ0aWNsZTox\\\"}) { deletedId } }\"}"
                .getBytes(StandardCharsets.UTF_8);
        for (String type :
                List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            var post = http.send(new RawSocketHttp.Request(
                    "POST", "/graphql", Map.of("Origin", origin, "Content-Type", type), mutation));
            assertThat(post.status()).as(type).isEqualTo(415);
            assertThat(post.header("Access-Control-Allow-Origin")).isNull();
        }
        var get = http.send(new RawSocketHttp.Request(
                "GET",
                "/graphql?query=mutation%7BdeleteArticle(input%3A%7Bid%3A%22QXJ0aWNsZTox%22%7D)%7BdeletedId%7D%7D",
                Map.of("Origin", origin, "Accept", "application/json"),
                null));
        assertThat(get.status()).isEqualTo(405);
    }
}
