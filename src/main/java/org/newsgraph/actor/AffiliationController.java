package org.newsgraph.actor;

import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.GlobalId;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Serves what {@code graphql/actor-detail.graphqls} adds to the type {@code Affiliation}: its global ID, its
 * holder, and {@code of} (the organization or the person the role is held at or for).
 */
@Controller
public class AffiliationController {

    private final ActorRepository actors;

    public AffiliationController(ActorRepository actors) {
        this.actors = actors;
    }

    @SchemaMapping(typeName = "Affiliation")
    public String id(Affiliation affiliation) {
        return GlobalId.encode("Affiliation", affiliation.id());
    }

    @BatchMapping(typeName = "Affiliation")
    public Map<Affiliation, Actor> holder(List<Affiliation> list) {
        return Batch.pick(list, Affiliation::actorId, actors::findByIds);
    }

    @BatchMapping(typeName = "Affiliation")
    public Map<Affiliation, Actor> of(List<Affiliation> list) {
        return Batch.pick(list, Affiliation::organizationId, actors::findByIds);
    }
}
