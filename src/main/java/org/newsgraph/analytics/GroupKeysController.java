package org.newsgraph.analytics;

import java.util.List;
import java.util.Map;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.relay.Batch;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/** Serves the actors of {@code EventGroup}, {@code ArticleGroup} and {@code EventCoverage}, batched. */
@Controller
public class GroupKeysController {

    private final ActorRepository actors;

    public GroupKeysController(ActorRepository actors) {
        this.actors = actors;
    }

    @BatchMapping(typeName = "EventGroup")
    public Map<EventGroup, Actor> participant(List<EventGroup> groups) {
        return Batch.pick(groups, EventGroup::participantId, actors::findByIds);
    }

    @BatchMapping(typeName = "ArticleGroup")
    public Map<ArticleGroup, Actor> publisher(List<ArticleGroup> groups) {
        return Batch.pick(groups, ArticleGroup::publisherId, actors::findByIds);
    }

    @BatchMapping(typeName = "EventCoverage", field = "publisher")
    public Map<EventCoverage, Actor> coveragePublisher(List<EventCoverage> coverage) {
        return Batch.pick(coverage, EventCoverage::publisherId, actors::findByIds);
    }
}
