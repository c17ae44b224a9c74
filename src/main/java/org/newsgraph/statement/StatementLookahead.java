package org.newsgraph.statement;

import java.util.Collection;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;

/**
 * What a statement connection's selection set asks below its statements, among the fields that
 * {@link StatementPreloader} can fetch ahead: {@code speaker}, {@code article}, {@code events},
 * {@code events.participants} and {@code events.participants.actor}.
 */
public record StatementLookahead(boolean speaker, boolean article, boolean events, boolean participants,
        boolean participantActors) {

    public static final StatementLookahead NONE = new StatementLookahead(false, false, false, false, false);

    /** The lookahead of a connection field ({@code StatementConnection}), or null if it asks for none of them. */
    public static StatementLookahead of(DataFetchingEnvironment env) {
        DataFetchingFieldSelectionSet selection = env.getSelectionSet();
        if (!selection.contains("edges/node")) {
            return null;
        }
        boolean events = selection.contains("edges/node/events");
        boolean participants = events && selection.contains("edges/node/events/participants");
        var lookahead = new StatementLookahead(selection.contains("edges/node/speaker"),
                selection.contains("edges/node/article"), events, participants,
                participants && selection.contains("edges/node/events/participants/actor"));
        return lookahead.equals(NONE) ? null : lookahead;
    }

    /** Everything any of the lookaheads asks for (other objects are ignored). */
    static StatementLookahead union(Collection<Object> lookaheads) {
        boolean speaker = false, article = false, events = false, participants = false, actors = false;
        for (Object object : lookaheads) {
            if (object instanceof StatementLookahead l) {
                speaker |= l.speaker;
                article |= l.article;
                events |= l.events;
                participants |= l.participants;
                actors |= l.participantActors;
            }
        }
        return new StatementLookahead(speaker, article, events, participants, actors);
    }
}
