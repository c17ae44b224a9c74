package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.newsgraph.support.IntegrationTest;
import org.newsgraph.support.TableSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the tests that send hostile or broken requests ({@link IntegrationTest}): after each test the
 * server still answers a normal query and its health check, and no table changed.
 */
public abstract class UnharmedServerTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected RawHttp http;
    private Map<String, String> tablesBefore;

    @BeforeEach
    void snapshot() {
        http = new RawHttp(port);
        tablesBefore = TableSnapshot.of(jdbc);
    }

    @AfterEach
    void serverIsHealthyAndNothingChanged() {
        var normal = http.graphql("{ articles(first: 5) { totalCount } }", GRAPHQL_RESPONSE);
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.json()
                        .path("data")
                        .path("articles")
                        .path("totalCount")
                        .asInt())
                .isPositive();
        assertThat(http.get("/actuator/health", JSON).status()).isEqualTo(200);
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(tablesBefore);
    }
}
