package org.newsgraph.live;

import graphql.GraphQLContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.newsgraph.article.ArticleFilter;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventFilter;
import org.newsgraph.statement.Statement;
import org.newsgraph.statement.StatementFilter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The GraphQL type {@code Subscription}. Each subscription follows this instance's {@link ChangeFeed}; with
 * {@code after} it first reads what it missed from the change log. Every event carries the change's
 * cursor in {@code extensions.cursor}.
 */
@Controller
public class SubscriptionController {

    /** GraphQL context key of a {@code Runnable} that closes the client's connection (WebSocket). */
    public static final String CLOSE_SLOW_CONSUMER = SubscriptionController.class.getName() + ".closeSlowConsumer";

    private final ChangeFeed feed;
    private final ChangeLog changeLog;
    private final ChangeMatcher matcher;

    public SubscriptionController(ChangeFeed feed, ChangeLog changeLog, ChangeMatcher matcher) {
        this.feed = feed;
        this.changeLog = changeLog;
        this.matcher = matcher;
    }

    @SubscriptionMapping
    public Flux<Statement> statementAdded(
            @Argument StatementFilter filter, @Argument String after, GraphQLContext context) {
        var criteria = StatementFilter.criteria(filter);
        return follow(after, context, (batch, change) -> {
            if (change.kind() != ChangeKind.STATEMENT_ADDED) {
                return null;
            }
            if (!criteria.equals(StatementFilter.Criteria.NONE)
                    && !batch.matching(
                                    criteria,
                                    batch.statementIds(),
                                    ids -> matcher.statementsOf(
                                            criteria, batch.statementRows(), batch.furtherSpeakers()))
                            .contains(change.entityId())) {
                return null;
            }
            return batch.statement(change.entityId());
        });
    }

    @SubscriptionMapping
    public Flux<ArticleChange> articleChanged(
            @Argument ArticleFilter filter, @Argument String after, GraphQLContext context) {
        var criteria = ArticleFilter.criteria(filter);
        boolean unfiltered = criteria.equals(ArticleFilter.criteria(null));
        return follow(after, context, (batch, change) -> {
            if (!change.kind().isArticle()) {
                return null;
            }
            var article = batch.article(change.entityId());
            if (change.kind() != ChangeKind.ARTICLE_DELETED) {
                if (article == null) {
                    return null; // deleted since: its deletion follows
                }
                if (!unfiltered
                        && !batch.matching(criteria, batch.articleIds(), ids -> matcher.articles(criteria, ids))
                                .contains(change.entityId())) {
                    return null;
                }
            }
            return new ArticleChange(
                    ArticleChange.of(change.kind()),
                    change.entityId(),
                    (change.kind() == ChangeKind.ARTICLE_DELETED) ? null : article,
                    change.changedAt(),
                    change.cursor());
        });
    }

    @SubscriptionMapping
    public Flux<Event> eventChanged(@Argument EventFilter filter, @Argument String after, GraphQLContext context) {
        var criteria = EventFilter.criteria(filter);
        boolean unfiltered = criteria.equals(EventFilter.criteria(null));
        return follow(after, context, (batch, change) -> {
            if (change.kind() != ChangeKind.EVENT_CHANGED) {
                return null;
            }
            if (!unfiltered
                    && !batch.matching(criteria, batch.eventIds(), ids -> matcher.events(criteria, ids))
                            .contains(change.entityId())) {
                return null;
            }
            return batch.event(change.entityId());
        });
    }

    /** What a subscription makes of one change of a batch: its payload, or null to skip it. */
    interface Selection<T> {
        T select(ChangeBatch batch, Change change);
    }

    /**
     * The subscription's stream: registered with the feed first, then the changes after {@code after}
     * read from the log up to where the live stream starts, then the live stream; the positions of the
     * two parts do not overlap, so nothing is missed or repeated.
     */
    private <T> Flux<T> follow(String after, GraphQLContext context, Selection<T> selection) {
        long resumeFrom = (after == null) ? -1 : changeLog.positionOf(after, "after");
        Runnable close = context.getOrDefault(CLOSE_SLOW_CONSUMER, () -> {});
        Queue<String> cursors = CursorExtensions.cursors(context);
        return Flux.defer(() -> {
            var registration = feed.register(close);
            long from = (resumeFrom < 0) ? registration.start() : resumeFrom;
            return feed.replay(from, registration.start())
                    .concatWith(registration.live())
                    .publishOn(Schedulers.boundedElastic(), 1)
                    .concatMapIterable(batch -> payloads(batch, from, selection))
                    .map(payload -> {
                        cursors.add(payload.cursor());
                        return payload.value();
                    })
                    .doFinally(signal -> feed.unregister(registration));
        });
    }

    /** An event of a subscription and the cursor of its change. */
    private record Payload<T>(T value, String cursor) {}

    private static <T> List<Payload<T>> payloads(ChangeBatch batch, long after, Selection<T> selection) {
        var payloads = new ArrayList<Payload<T>>();
        for (var change : batch.changes()) {
            if (change.position() <= after) {
                continue;
            }
            T payload = selection.select(batch, change);
            if (payload != null) {
                payloads.add(new Payload<>(payload, change.cursor()));
            }
        }
        return payloads;
    }
}
