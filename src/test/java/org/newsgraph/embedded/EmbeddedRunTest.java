package org.newsgraph.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.NewsGraphApplication;
import org.newsgraph.support.LongRunning;
import org.newsgraph.support.SharesNothing;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run command's path: no database URL configured, so the app starts its own PostgreSQL, migrates
 * it, loads the demo dataset and serves GraphQL; the data survives a restart.
 */
@SharesNothing
@LongRunning
class EmbeddedRunTest {

    @TempDir
    Path dataDirectory;

    @Test
    void withoutADatabaseUrl_theAppServesTheDemoDataOnEmbeddedPostgres_andKeepsItAcrossRestarts() throws Exception {
        long firstArticleId;
        try (var app = start()) {
            assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();
            assertThat(articlesTotalCount(app)).isEqualTo("{\"data\":{\"articles\":{\"totalCount\":1}}}");
            var jdbc = app.getBean(JdbcClient.class);
            firstArticleId =
                    jdbc.sql("select id from articles").query(Long.class).single();
            assertThat(jdbc.sql("show fsync").query(String.class).single())
                    .as("durable: the user's data")
                    .isEqualTo("on");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single())
                    .isEqualTo("on");
        }
        try (var app = start()) {
            assertThat(articlesTotalCount(app)).as("demo data not loaded twice").contains("\"totalCount\":1");
            assertThat(app.getBean(JdbcClient.class)
                            .sql("select id from articles")
                            .query(Long.class)
                            .single())
                    .as("the same rows, read back from the data directory")
                    .isEqualTo(firstArticleId);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(NewsGraphApplication.class)
                .run(
                        "--server.port=0",
                        "--newsgraph.embedded.port=0",
                        "--newsgraph.embedded.data-directory=" + dataDirectory,
                        "--spring.datasource.url=",
                        // A request waits 2.5 s for a pool connection (application.yml); Flyway retries at start
                        // (spring.flyway.connect-retries). On a loaded machine the pool's first connections to a
                        // PostgreSQL just created can take longer still; this test is about where the data lives,
                        // not how fast.
                        "--spring.datasource.hikari.connection-timeout=30000");
    }

    private static String articlesTotalCount(ConfigurableApplicationContext app) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ articles(first: 5) { totalCount } }\"}"))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
