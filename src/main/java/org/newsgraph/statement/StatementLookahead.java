package org.newsgraph.statement;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import java.util.Collection;
import org.newsgraph.lookahead.SelectionMemo;

/**
 * What a statement connection's selection set asks below its statements, among the fields that
 * {@link StatementPreloader} can fetch ahead: {@code speaker}, {@code article}, {@code events},
 * {@code events.participants} and {@code events.participants.actor}.
 */
public record StatementLookahead(
        boolean speaker, boolean article, boolean events, boolean participants, boolean participantActors) {

    public static final StatementLookahead NONE = new StatementLookahead(false, false, false, false, false);

    /** The lookahead of a connection field ({@code StatementConnection}), or null if it asks for none of them. */
    public static StatementLookahead of(DataFetchingEnvironment env) {
        return SelectionMemo.get(env, "statement-lookahead", StatementLookahead::analyse);
    }

    private static StatementLookahead analyse(DataFetchingEnvironment env) {
        // One pass over the selected fields' qualified names (DataFetchingFieldSelectionSet.contains compiles
        // a glob pattern into a regex on every call).
        boolean speaker = false, article = false, events = false, participants = false, actors = false;
        for (SelectedField field : env.getSelectionSet().getFields()) {
            switch (field.getQualifiedName()) {
                case "edges/node/speaker" -> speaker = true;
                case "edges/node/article" -> article = true;
                case "edges/node/events" -> events = true;
                case "edges/node/events/participants" -> participants = true;
                case "edges/node/events/participants/actor" -> actors = true;
                default -> {}
            }
        }
        participants &= events;
        actors &= participants;
        var lookahead = new StatementLookahead(speaker, article, events, participants, actors);
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
