package org.newsgraph.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the full-stack read tests ({@link IntegrationTest}): a GraphQL tester over real HTTP, and the
 * database to compute the expected answers with.
 */
public abstract class DemoDataHttpTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected HttpGraphQlTester graphQl;

    @BeforeEach
    void connectGraphQlTester() {
        graphQl = GraphQlHttp.tester(port);
    }
}
