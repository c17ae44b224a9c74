package org.newsgraph.live;

/** What a row of {@code change_log} (the GraphQL enum {@code ChangeKind}) says happened. */
public enum ChangeKind {
    ARTICLE_CREATED,
    ARTICLE_UPDATED,
    ARTICLE_DELETED,
    STATEMENT_ADDED,
    ACTOR_UPDATED,
    ACTOR_MERGED,
    EVENT_CHANGED;

    /** Whether this is one of the article kinds that {@code articleChanged} reports. */
    boolean isArticle() {
        return this == ARTICLE_CREATED || this == ARTICLE_UPDATED || this == ARTICLE_DELETED;
    }
}
