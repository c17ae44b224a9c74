package org.newsgraph.analytics;

import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.newsgraph.event.Event;
import org.newsgraph.relay.Batch;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Serves the analytics fields of {@code Event}: {@code timeline} and {@code coverage} (batched per level). */
@Controller
public class EventAnalyticsController {

    private final NetworkRepository networks;

    public EventAnalyticsController(NetworkRepository networks) {
        this.networks = networks;
    }

    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Timeline> timeline(Event event, @Argument DateBucket bucket, DataFetchingEnvironment env) {
        return AnalyticsLoaders.load(
                env, AnalyticsLoaders.EVENT_TIMELINE, new AnalyticsLoaders.EventTimelineKey(event.id(), bucket));
    }

    @BatchMapping(typeName = "Event")
    public Map<Event, List<EventCoverage>> coverage(List<Event> events) {
        return Batch.lists(events, Event::id, networks::coverage);
    }
}
