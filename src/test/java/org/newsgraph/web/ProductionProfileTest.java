package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import org.junit.jupiter.api.Test;
import org.newsgraph.support.FreshDatabaseInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The {@code production} profile: no GraphiQL, no introspection, no schema printer, no demo article in a
 * new database; queries still work.
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
}
