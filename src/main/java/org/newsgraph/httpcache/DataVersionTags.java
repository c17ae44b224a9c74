package org.newsgraph.httpcache;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.newsgraph.error.DatabaseFailures;
import org.newsgraph.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Entity tags that can be checked before a query runs: a hash of the data version, the build and the request
 * (document or persisted-query hash, variables, operation name, extensions, response media type). A request
 * whose {@code If-None-Match} names the tag of the current version gets 304 without executing anything.
 *
 * <p>The data version is PostgreSQL's {@code pg_current_snapshot()}: which transactions have committed. It
 * changes with every commit of a transaction that wrote anything, whichever path wrote it (a mutation, an
 * import, {@code resolve}, an operator's psql), and never takes a value it had before; read-only
 * transactions leave it alone. Two requests that see the same snapshot see the same data, so the same tag
 * means the same answer. The version is read before the query runs: an answer that a concurrent write
 * changed while it ran carries the older version's tag, which the write has already made stale.
 *
 * <p>Not used (the tag is then a hash of the answer, which needs the query to run) when read replicas are
 * configured: a replica's data can lag behind the primary's snapshot.
 */
@Component
class DataVersionTags {

    private static final Logger log = LoggerFactory.getLogger(DataVersionTags.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<GraphQlSource> graphQlSource;
    private final boolean enabled;
    private volatile String build;

    DataVersionTags(JdbcClient jdbc, ObjectProvider<GraphQlSource> graphQlSource, Environment environment) {
        this.jdbc = jdbc;
        this.graphQlSource = graphQlSource;
        this.enabled = !Binder.get(environment)
                .bind("newsgraph.read-replica.urls", Bindable.listOf(String.class))
                .map(urls -> urls.stream().anyMatch(url -> !url.isBlank()))
                .orElse(false);
    }

    /**
     * The tag of the answer to a request with these parameters (each as the client sent it, null when absent)
     * at the current data version, or empty when there is none (read replicas, a failed read). A database that
     * gives no connection ({@link ErrorCode#SERVICE_UNAVAILABLE}) is thrown: the request cannot be answered.
     */
    Optional<String> tag(List<String> request) {
        if (!enabled) {
            return Optional.empty();
        }
        String version;
        try {
            version = jdbc.sql("select pg_current_snapshot()::text")
                    .query(String.class)
                    .single();
        } catch (RuntimeException e) {
            if (DatabaseFailures.classify(e) == ErrorCode.SERVICE_UNAVAILABLE) {
                throw e; // no connection in time: the query would wait for one again, so the request ends here
            }
            log.debug("No data version for an entity tag: {}", e.getMessage());
            return Optional.empty();
        }
        MessageDigest digest = sha256();
        update(digest, build());
        update(digest, version);
        for (String part : request) {
            update(digest, part);
        }
        return Optional.of("\"v"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(digest.digest())
                        .substring(0, 21) + "\"");
    }

    /**
     * What else an answer depends on: the schema, and the build (the time its classes were written, the same
     * on every instance of one build).
     */
    private String build() {
        String value = build;
        if (value == null) {
            MessageDigest digest = sha256();
            GraphQlSource source = graphQlSource.getIfAvailable();
            update(digest, source == null ? "" : new graphql.schema.idl.SchemaPrinter().print(source.schema()));
            URL classFile = DataVersionTags.class.getResource("DataVersionTags.class");
            try {
                update(
                        digest,
                        classFile == null
                                ? ""
                                : String.valueOf(classFile.openConnection().getLastModified()));
            } catch (java.io.IOException e) {
                update(digest, "");
            }
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
            build = value;
        }
        return value;
    }

    private static void update(MessageDigest digest, String part) {
        if (part == null) {
            digest.update((byte) 1);
        } else {
            digest.update((byte) 0);
            digest.update(part.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
