package org.newsgraph.web;

import java.util.Map;

import org.newsgraph.support.TableSnapshot;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsgraph.web.RawHttp.GRAPHQL_RESPONSE;
import static org.newsgraph.web.RawHttp.JSON;

/**
 * For tests that send hostile or broken requests: taken before a test, {@link #assertHealthyAndUnchanged()}
 * after it checks that the server still answers a normal query and its health check, and that no table changed.
 */
public final class ServerCheck {

    private final RawHttp http;
    private final JdbcClient jdbc;
    private final Map<String, String> tablesBefore;

    private ServerCheck(RawHttp http, JdbcClient jdbc) {
        this.http = http;
        this.jdbc = jdbc;
        this.tablesBefore = TableSnapshot.of(jdbc);
    }

    /** Remembers the tables as they are now. */
    public static ServerCheck before(RawHttp http, JdbcClient jdbc) {
        return new ServerCheck(http, jdbc);
    }

    public void assertHealthyAndUnchanged() {
        var normal = http.graphql("{ articles(first: 5) { totalCount } }", GRAPHQL_RESPONSE);
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.json().path("data").path("articles").path("totalCount").asInt()).isPositive();
        assertThat(http.get("/actuator/health", JSON).status()).isEqualTo(200);
        assertThat(TableSnapshot.of(jdbc)).isEqualTo(tablesBefore);
    }
}
