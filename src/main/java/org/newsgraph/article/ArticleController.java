package org.newsgraph.article;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;

/** Serves the GraphQL type {@code Article} and its entry points on {@code Query}. */
@Controller
public class ArticleController {

    private final JdbcClient jdbc;

    public ArticleController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryMapping
    public ArticleConnection articles(@Argument Integer first, @Argument String after) {
        return new ArticleConnection(jdbc.sql("select count(*) from articles").query(Long.class).single());
    }

    public record ArticleConnection(long totalCount) {
    }
}
