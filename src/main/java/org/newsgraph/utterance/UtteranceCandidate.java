package org.newsgraph.utterance;

/** The GraphQL type {@code UtteranceCandidate}: the other utterance of an open candidate pair. */
public record UtteranceCandidate(long otherUtteranceId, String reason, double score) {}
