package org.newsgraph.command;

import java.util.List;

/**
 * A command of the NewsGraph jar, run instead of the server: {@code java -jar newsgraph.jar NAME ARGS...}
 * (or {@code ./mvnw spring-boot:run -Dspring-boot.run.arguments="NAME ARGS..."}). Implementations are
 * Spring beans; the application context is started without a web server and without the demo data.
 */
public interface NewsGraphCommand {

    /** The word that selects this command, e.g. {@code import}. */
    String name();

    /** One line for the usage text. */
    String description();

    /** Runs the command; the return value is the process exit code. */
    int run(List<String> args) throws Exception;
}
