package org.newsgraph.live;

import java.util.List;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Query.changes} and the GraphQL type {@code Change}: the change log, in commit order. */
@Controller
public class ChangeController {

    private final ChangeLog changeLog;

    public ChangeController(ChangeLog changeLog) {
        this.changeLog = changeLog;
    }

    @QueryMapping
    public Connection<Change> changes(
            @Argument Integer first, @Argument String after, @Argument List<ChangeKind> kinds) {
        int size = (first == null) ? PageRequest.DEFAULT_SIZE : first;
        if (size < 0) {
            throw ApiException.badInput(ErrorCode.INVALID_PAGE_SIZE, "'first' must not be negative");
        }
        if (size > PageRequest.MAX_SIZE) {
            throw ApiException.badInput(
                    ErrorCode.PAGE_SIZE_TOO_LARGE,
                    "'first' may be at most " + PageRequest.MAX_SIZE + " (was " + size + ")");
        }
        long from = (after == null) ? 0 : changeLog.positionOf(after, "after");
        var rows = changeLog.after(from, Long.MAX_VALUE, (kinds == null) ? List.of() : kinds, size + 1);
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        var edges = page.stream()
                .map(change -> new Connection.Edge<>(change.cursor(), change))
                .toList();
        return new Connection<>(
                edges,
                new Connection.PageInfo(
                        more,
                        after != null,
                        edges.isEmpty() ? null : edges.get(0).cursor(),
                        edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                null);
    }

    @SchemaMapping(typeName = "Change")
    public String subjectId(Change change) {
        return GlobalId.encode(subjectType(change.kind()), change.entityId());
    }

    @SchemaMapping(typeName = "Change")
    public String relatedId(Change change) {
        if (change.relatedId() == null) {
            return null;
        }
        return GlobalId.encode(change.kind() == ChangeKind.STATEMENT_ADDED ? "Article" : "Actor", change.relatedId());
    }

    private static String subjectType(ChangeKind kind) {
        return switch (kind) {
            case ARTICLE_CREATED, ARTICLE_UPDATED, ARTICLE_DELETED -> "Article";
            case STATEMENT_ADDED -> "Statement";
            case ACTOR_UPDATED, ACTOR_MERGED -> "Actor";
            case EVENT_CHANGED -> "Event";
        };
    }
}
