package org.newsgraph.live;

import org.newsgraph.relay.GlobalId;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The GraphQL type {@code ArticleChange}: its other fields are record properties. */
@Controller
@SchemaMapping(typeName = "ArticleChange")
public class ArticleChangeController {

    @SchemaMapping
    public String articleId(ArticleChange change) {
        return GlobalId.encode("Article", change.id());
    }
}
