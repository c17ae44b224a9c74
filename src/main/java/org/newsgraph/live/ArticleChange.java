package org.newsgraph.live;

import java.time.OffsetDateTime;
import org.newsgraph.article.Article;

/** The GraphQL type {@code ArticleChange}; {@code article} is loaded with its batch (null when deleted). */
public record ArticleChange(Kind kind, long id, Article article, OffsetDateTime changedAt, String cursor) {

    /** The GraphQL enum {@code ArticleChangeKind}. */
    public enum Kind {
        CREATED,
        UPDATED,
        DELETED
    }

    static Kind of(ChangeKind kind) {
        return switch (kind) {
            case ARTICLE_CREATED -> Kind.CREATED;
            case ARTICLE_UPDATED -> Kind.UPDATED;
            case ARTICLE_DELETED -> Kind.DELETED;
            default -> throw new IllegalArgumentException(kind + " is not an article change");
        };
    }
}
