package org.newsgraph.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In the embedded default only (no {@code spring.datasource.url}), gives the local user an editor key at
 * start: generated on the first start, kept in {@code editor-key} next to the embedded data directory
 * (readable by the owner only) and logged with how to use it (under the production profile only the
 * file is named, the key is logged at DEBUG). With a real database nothing happens;
 * create keys there with {@code java -jar newsgraph.jar api-key create NAME --role EDITOR}.
 */
@Component
@ConditionalOnWebApplication
class LocalEditorKey implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LocalEditorKey.class);
    static final String NAME = "local-editor";

    private final Environment environment;
    private final ApiKeyService keys;

    LocalEditorKey(Environment environment, ApiKeyService keys) {
        this.environment = environment;
        this.keys = keys;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var url = environment.getProperty("spring.datasource.url");
        if (url != null && !url.isBlank()) return;
        var dataDirectory = Path.of(environment.getProperty("newsgraph.embedded.data-directory", ".newsgraph/pgdata"))
                .toAbsolutePath();
        var file = dataDirectory.resolveSibling("editor-key");
        try {
            String key = Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
            if (key == null || keys.find(key).isEmpty()) {
                key = ApiKeyService.newKey();
                keys.put(NAME, key, Role.EDITOR);
                Files.createDirectories(file.getParent());
                Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            if (environment.matchesProfiles("production")) {
                // A production log is read by more people than the owner of the key file.
                log.info("Local editor API key saved in {} (not logged under the production profile)", file);
                log.debug("Local editor API key: {}", key);
            } else {
                log.info(
                        "Local editor API key (embedded database only, saved in {}): {}  -> send the header "
                                + "'Authorization: Bearer {}' with mutations (GraphiQL: Headers tab)",
                        file,
                        key,
                        key);
            }
        } catch (IOException e) {
            log.warn("Could not keep the local editor key in {}: {}", file, e.getMessage());
        }
    }
}
