package org.newsgraph.replica;

import java.util.LinkedHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code replicas}, with details at {@code /actuator/health/replication}: each read replica's
 * state, replay position and lag, by name ({@code replica-1} is the first URL, as the start-up log says; URLs
 * and error messages stay in the log). Up whatever the replicas' state: the primary serves reads when none
 * can, so no instance should leave a load balancer for a replica. Without replicas: up, none configured.
 */
@Component("replicasHealthIndicator")
class ReplicasHealthIndicator implements HealthIndicator {

    private final ObjectProvider<ReadReplicas> replicas;

    ReplicasHealthIndicator(ObjectProvider<ReadReplicas> replicas) {
        this.replicas = replicas;
    }

    @Override
    public Health health() {
        var builder = Health.up();
        ReadReplicas configured = replicas.getIfAvailable();
        if (configured == null) {
            return builder.withDetail("configured", 0).build();
        }
        for (Replica replica : configured.replicas()) {
            var details = new LinkedHashMap<String, Object>();
            details.put("state", replica.state().name());
            details.put("inRotation", replica.inRotation());
            details.put("replayLsn", replica.replayLsn() < 0 ? null : Lsn.format(replica.replayLsn()));
            details.put("lagBytes", replica.lagBytes());
            details.put("lagMillis", replica.lag().toMillis());
            builder.withDetail(replica.name, details);
        }
        return builder.build();
    }
}
