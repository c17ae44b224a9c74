package org.newsgraph.support;

import java.time.Duration;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Builds an {@link HttpGraphQlTester} that talks real HTTP to the server under test. */
public final class GraphQlHttp {

    private GraphQlHttp() {}

    public static HttpGraphQlTester tester(int port) {
        var client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofMinutes(2))
                .build();
        return HttpGraphQlTester.create(client);
    }
}
