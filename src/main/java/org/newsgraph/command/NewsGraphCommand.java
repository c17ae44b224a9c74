package org.newsgraph.command;

import java.util.List;
import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import picocli.CommandLine;

/**
 * A command of the NewsGraph jar, run instead of the server: {@code java -jar newsgraph.jar NAME ARGS...}
 * (or {@code ./mvnw spring-boot:run -Dspring-boot.run.arguments="NAME ARGS..."}). Implementations are
 * Spring beans; the application context is started without a web server and without the demo data.
 *
 * <p>A command declares its word and usage line with picocli's {@code @Command(name, description)} on its
 * class, its arguments as a picocli options class {@code O} ({@code @Option}/{@code @Parameters} fields, a
 * constructor without arguments), and runs with the parsed options in {@link #execute(Object)}; a usage error
 * (unknown option, missing or mistyped value) prints the problem and the usage line and exits with 2 before
 * the command runs.
 *
 * @param <O> the options class
 */
public interface NewsGraphCommand<O> {

    /** The word that selects this command, e.g. {@code import}: its {@code @Command(name)}. */
    default String name() {
        return declaration().name();
    }

    /** One line for the usage text, the arguments, then what the command does: its {@code @Command(description)}. */
    default String description() {
        return String.join(" ", declaration().description());
    }

    /** A fresh options object for one run: an {@code O} made with its constructor without arguments. */
    @SuppressWarnings("unchecked")
    default O options() {
        Class<?> type =
                ResolvableType.forClass(getClass()).as(NewsGraphCommand.class).resolveGeneric(0);
        if (type == null) {
            throw new IllegalStateException(getClass().getName() + " does not name its options class");
        }
        return (O) BeanUtils.instantiateClass(type);
    }

    private CommandLine.Command declaration() {
        var command = AnnotationUtils.findAnnotation(getClass(), CommandLine.Command.class);
        if (command == null) {
            throw new IllegalStateException(getClass().getName() + " has no @Command(name, description)");
        }
        return command;
    }

    /** Runs the command with the parsed options; the return value is the process exit code. */
    int execute(O options) throws Exception;

    /** Parses the arguments into {@link #options()} and runs; exit code 2 for a usage error. */
    default int run(List<String> args) throws Exception {
        O options = options();
        try {
            // Lenient: a command without options (resolve, relink-utterances) has an options class without
            // annotations, which plain new CommandLine(options) refuses.
            new CommandLine(CommandLine.Model.CommandSpec.forAnnotatedObjectLenient(options))
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String unmatched =
                    e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
            return usage(
                    unmatched.startsWith("-") ? "unknown option " + unmatched : "unexpected argument " + unmatched);
        } catch (CommandLine.ParameterException e) {
            return usage(e.getMessage());
        }
        return execute(options);
    }

    /** Prints the problem and the usage line; returns the exit code of a usage error, 2. */
    default int usage(String problem) {
        System.err.println(name() + ": " + problem);
        System.err.println("usage: " + name() + " " + description());
        return 2;
    }
}
