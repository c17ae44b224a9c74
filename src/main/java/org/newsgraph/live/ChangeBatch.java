package org.newsgraph.live;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.newsgraph.article.Article;
import org.newsgraph.event.Event;
import org.newsgraph.statement.Statement;

/**
 * Changes read from {@code change_log} in one go, in commit order, with the rows they name loaded once for
 * every subscription of the instance (a statement added, an article created or updated, an event changed;
 * missing if deleted since). Which rows a filter selects is computed once per distinct filter.
 */
final class ChangeBatch {

    private final List<Change> changes;
    private final Map<Long, Statement> statements;
    private final Map<Long, Article> articles;
    private final Map<Long, Event> events;
    private final Map<Long, Set<Long>> furtherSpeakers;
    private final Map<Object, Set<Long>> matches = new ConcurrentHashMap<>();

    ChangeBatch(
            List<Change> changes,
            Map<Long, Statement> statements,
            Map<Long, Article> articles,
            Map<Long, Event> events,
            Map<Long, Set<Long>> furtherSpeakers) {
        this.changes = changes;
        this.statements = statements;
        this.articles = articles;
        this.events = events;
        this.furtherSpeakers = furtherSpeakers;
    }

    List<Change> changes() {
        return changes;
    }

    long lastPosition() {
        return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).position();
    }

    Statement statement(long id) {
        return statements.get(id);
    }

    Article article(long id) {
        return articles.get(id);
    }

    Event event(long id) {
        return events.get(id);
    }

    /**
     * The ids among {@code ids} that {@code filter} selects, computed by {@code query} once per filter (a
     * record with value equality) and batch.
     */
    Set<Long> matching(Object filter, Collection<Long> ids, Function<Collection<Long>, Set<Long>> query) {
        return matches.computeIfAbsent(filter, f -> ids.isEmpty() ? Set.of() : query.apply(ids));
    }

    Collection<Long> statementIds() {
        return statements.keySet();
    }

    Collection<Statement> statementRows() {
        return statements.values();
    }

    /** The further speakers ({@code statement_speakers}) of the batch's statements that have any. */
    Map<Long, Set<Long>> furtherSpeakers() {
        return furtherSpeakers;
    }

    Collection<Long> articleIds() {
        return articles.keySet();
    }

    Collection<Long> eventIds() {
        return events.keySet();
    }
}
