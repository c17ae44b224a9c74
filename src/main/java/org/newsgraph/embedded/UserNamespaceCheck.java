package org.newsgraph.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;

/**
 * Whether the embedded PostgreSQL can start as this user. Its {@code initdb} and server refuse to run as root; as
 * root, the embedded PostgreSQL library runs them in a user namespace ({@code unshare -U}), where they are
 * "nobody". A chroot, or a container that blocks user namespaces, does not allow one: initdb then fails with
 * "cannot be run as root" deep in a stack trace. This finds that out as soon as the configuration is read (when
 * there is no {@code spring.datasource.url}, so the embedded PostgreSQL would start), before any bean, with the
 * same two programs the build's {@code src/build/tools.sh db} asks ({@code id -u}, {@code unshare -U true}), and
 * Spring Boot reports it once, without a stack trace ({@link Analyzer}). Registered in
 * {@code META-INF/spring.factories}.
 */
public final class UserNamespaceCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String url = event.getEnvironment().getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            problem().ifPresent(problem -> {
                throw new RootWithoutUserNamespace(problem);
            });
        }
    }

    /** Why PostgreSQL cannot start here, or empty when it can (not root, or root with a user namespace). */
    static Optional<String> problem() {
        return problem(run("id", "-u"), run("unshare", "-U", "true"));
    }

    static Optional<String> problem(Run id, Run unshare) {
        if (id.exitCode() != 0 || !id.output().trim().equals("0")) {
            return Optional.empty(); // not root (or no id: not a Unix where initdb could refuse root)
        }
        if (unshare.exitCode() == 0) {
            return Optional.empty();
        }
        String said = unshare.output().trim();
        return Optional.of(said.isEmpty() ? "there is no unshare (Debian package util-linux)" : "unshare -U: " + said);
    }

    record Run(int exitCode, String output) {}

    private static Run run(String... command) {
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, String.join(" ", command) + " did not answer");
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            return new Run(-1, ""); // no such program
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "");
        }
    }

    /** The embedded PostgreSQL cannot start as root here. */
    static final class RootWithoutUserNamespace extends IllegalStateException {
        RootWithoutUserNamespace(String problem) {
            super("The embedded PostgreSQL cannot start here: its initdb and server refuse to run as root, and as root"
                    + " they run in a user namespace, which this machine does not allow (" + problem
                    + "), as inside a chroot or a container that blocks user namespaces.");
        }
    }

    /**
     * Turns {@link RootWithoutUserNamespace} into Spring Boot's "APPLICATION FAILED TO START" report: a description
     * and what to do, no stack trace.
     */
    public static final class Analyzer extends AbstractFailureAnalyzer<RootWithoutUserNamespace> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, RootWithoutUserNamespace cause) {
            return new FailureAnalysis(cause.getMessage(), String.join("\n", ACTIONS), cause);
        }
    }

    static final List<String> ACTIONS = List.of(
            "Either:",
            "  run NewsGraph as an ordinary user (a fresh Debian machine allows the namespace to root too),",
            "  or give it a PostgreSQL: SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/newsgraph (with",
            "  SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD), e.g. Debian's postgresql package,",
            "  or run it with Docker: docker compose up --build");
}
