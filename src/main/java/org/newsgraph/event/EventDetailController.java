package org.newsgraph.event;

import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.GlobalId;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/event-detail.graphqls} adds: {@code Event.statusHistory}, the type
 * {@code EventStatusChange}, and the global IDs of {@code EventParticipant} and {@code EventRelation}.
 */
@Controller
public class EventDetailController {

    private final EventStatusChangeRepository statusChanges;

    public EventDetailController(EventStatusChangeRepository statusChanges) {
        this.statusChanges = statusChanges;
    }

    @BatchMapping(typeName = "Event")
    public Map<Event, List<EventStatusChange>> statusHistory(List<Event> list) {
        return Batch.lists(list, Event::id, statusChanges::statusHistoryOf);
    }

    @SchemaMapping(typeName = "EventStatusChange", field = "id")
    public String statusChangeId(EventStatusChange change) {
        return GlobalId.encode("EventStatusChange", change.id());
    }

    @SchemaMapping(typeName = "EventParticipant", field = "id")
    public String participantId(EventParticipant participant) {
        return GlobalId.encode("EventParticipant", participant.id());
    }

    @SchemaMapping(typeName = "EventRelation", field = "id")
    public String relationId(EventRelation relation) {
        return GlobalId.encode("EventRelation", relation.nodeKey());
    }
}
