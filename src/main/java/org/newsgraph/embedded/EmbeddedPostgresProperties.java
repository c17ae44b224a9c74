package org.newsgraph.embedded;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the PostgreSQL server that NewsGraph starts itself when no {@code spring.datasource.url}
 * is configured.
 *
 * @param dataDirectory where the cluster lives; it survives restarts (default {@code .newsgraph/pgdata});
 *        its password is kept next to it in {@code <name>.pg-password}
 * @param port TCP port on localhost; 0 picks a free one (the log line says which)
 * @param database name of the database NewsGraph creates and uses
 * @param superviseInterval how often the watchdog checks that the postmaster runs; default 1 s
 * @param maxRestartAttempts failed restarts in a row after which the watchdog gives up and marks the
 *        application's liveness broken; default 10 (about 3 minutes of backing off)
 * @param stuckShutdown how long a postmaster told to stop by someone else may wait for sessions that never end
 *        before the watchdog asks it for a fast shutdown (and, after as long again, kills it); default 5 s
 */
@ConfigurationProperties("newsgraph.embedded")
public record EmbeddedPostgresProperties(
        Path dataDirectory,
        Integer port,
        String database,
        Duration superviseInterval,
        Integer maxRestartAttempts,
        Duration stuckShutdown) {

    public EmbeddedPostgresProperties {
        if (dataDirectory == null) dataDirectory = Path.of(".newsgraph", "pgdata");
        if (port == null) port = 54329;
        if (database == null || database.isBlank()) database = "newsgraph";
        if (superviseInterval == null) superviseInterval = Duration.ofSeconds(1);
        if (maxRestartAttempts == null) maxRestartAttempts = 10;
        if (stuckShutdown == null) stuckShutdown = Duration.ofSeconds(5);
    }
}
