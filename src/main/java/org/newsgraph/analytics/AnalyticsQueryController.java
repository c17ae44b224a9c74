package org.newsgraph.analytics;

import java.util.List;
import org.newsgraph.article.ArticleFilter;
import org.newsgraph.event.EventFilter;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.GlobalId;
import org.newsgraph.relay.PageRequest;
import org.newsgraph.statement.StatementFilter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Serves the analytics entry points on {@code Query}: the grouped counts and the paths between actors. */
@Controller
public class AnalyticsQueryController {

    private final StatsRepository stats;
    private final PathRepository paths;

    public AnalyticsQueryController(StatsRepository stats, PathRepository paths) {
        this.stats = stats;
        this.paths = paths;
    }

    @QueryMapping
    public Connection<StatementGroup> statementStats(
            @Argument StatementFilter filter, @Argument List<StatementGrouping> groupBy, PageRequest page) {
        var spec = new StatementGroup.Spec(
                StatementFilter.criteria(filter), StatsRepository.dimensions(groupBy, StatementGrouping::bucket));
        return stats.statementGroups(spec, page, page.counts());
    }

    @QueryMapping
    public Connection<EventGroup> eventStats(
            @Argument EventFilter filter, @Argument List<EventGrouping> groupBy, PageRequest page) {
        return stats.eventGroups(
                EventFilter.criteria(filter),
                StatsRepository.dimensions(groupBy, EventGrouping::bucket),
                page,
                page.counts());
    }

    @QueryMapping
    public Connection<ArticleGroup> articleStats(
            @Argument ArticleFilter filter, @Argument List<ArticleGrouping> groupBy, PageRequest page) {
        return stats.articleGroups(
                ArticleFilter.criteria(filter),
                StatsRepository.dimensions(groupBy, ArticleGrouping::bucket),
                page,
                page.counts());
    }

    @QueryMapping
    public List<ActorPath> actorPaths(
            @Argument String from, @Argument String to, @Argument Integer maxDepth, @Argument Integer first) {
        return paths.shortestPaths(
                GlobalId.decode(from, "Actor"),
                GlobalId.decode(to, "Actor"),
                maxDepth == null ? PathRepository.MAX_DEPTH : maxDepth,
                first == null ? 5 : first);
    }
}
