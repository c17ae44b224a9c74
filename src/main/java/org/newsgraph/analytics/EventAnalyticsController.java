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
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/** Serves the analytics fields of {@code Event}: {@code timeline} and {@code coverage} (batched per level). */
@Controller
public class EventAnalyticsController {

    record TimelineKey(long eventId, DateBucket bucket) {}

    private final NetworkRepository networks;
    private final FieldLoader<TimelineKey, Timeline> timelines;

    public EventAnalyticsController(
            BatchLoaderRegistry registry, TimelineRepository timelines, NetworkRepository networks) {
        this.networks = networks;
        this.timelines = FieldLoader.<TimelineKey, Timeline, DateBucket>register(
                registry,
                "Event",
                "timeline",
                TimelineKey::bucket,
                keys -> timelines.ofEvents(
                        FieldLoader.ids(keys, TimelineKey::eventId), keys.get(0).bucket()),
                TimelineKey::eventId);
    }

    @SchemaMapping(typeName = "Event")
    public CompletableFuture<Timeline> timeline(Event event, @Argument DateBucket bucket, DataFetchingEnvironment env) {
        return timelines.load(env, new TimelineKey(event.id(), bucket));
    }

    @BatchMapping(typeName = "Event")
    public Map<Event, List<EventCoverage>> coverage(List<Event> events) {
        return Batch.lists(events, Event::id, networks::coverage);
    }
}
