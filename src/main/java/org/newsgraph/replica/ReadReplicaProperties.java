package org.newsgraph.replica;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read replicas ({@code newsgraph.read-replica.*}, e.g. {@code NEWSGRAPH_READ_REPLICA_URLS}): PostgreSQL hot
 * standbys streaming from the primary in {@code spring.datasource.url}.
 *
 * @param urls JDBC URLs of the replicas (comma-separated in one variable); none: everything on the primary
 * @param username their user, if not the primary's
 * @param password their password, if not the primary's
 * @param maxLag a replica further behind the primary than this leaves the rotation until it catches up
 * @param checkInterval how often each replica's state and replay position are checked
 * @param connectionTimeout how long a request waits for a replica connection before reading elsewhere
 */
@ConfigurationProperties("newsgraph.read-replica")
public record ReadReplicaProperties(
        @DefaultValue List<String> urls,
        String username,
        String password,
        @DefaultValue("10s") Duration maxLag,
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("1s") Duration connectionTimeout) {}
