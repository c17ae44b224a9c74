package org.newsgraph.analytics;

/** The GraphQL type {@code ArticleGroup}: a group of {@code articleStats}. */
public record ArticleGroup(long count, Long publisherId, Period period) {}
