package org.newsgraph.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the PostgreSQL server that NewsGraph starts itself when no {@code spring.datasource.url}
 * is configured.
 *
 * @param dataDirectory where the cluster lives; it survives restarts (default {@code .newsgraph/pgdata})
 * @param port TCP port on localhost; 0 picks a free one (the log line says which)
 * @param database name of the database NewsGraph creates and uses
 */
@ConfigurationProperties("newsgraph.embedded")
public record EmbeddedPostgresProperties(Path dataDirectory, Integer port, String database) {

    public EmbeddedPostgresProperties {
        if (dataDirectory == null) dataDirectory = Path.of(".newsgraph", "pgdata");
        if (port == null) port = 54329;
        if (database == null || database.isBlank()) database = "newsgraph";
    }
}
