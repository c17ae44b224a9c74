package org.newsgraph.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Starts NewsGraph as a command-line tool when the first argument names a {@link NewsGraphCommand}. */
public final class CommandRunner {

    private CommandRunner() {}

    /** True when the arguments ask for a command rather than the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    public static int run(Class<?> application, String[] args) {
        var app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        // Command-line properties outrank application.yml; the user's own --spring.* / --newsgraph.*
        // options come last and win.
        var springArgs = Stream.concat(
                        Stream.of(
                                "--newsgraph.demo-data.enabled=false",
                                "--spring.main.banner-mode=off",
                                // bulk work, not API calls: no statement_timeout (see newsgraph.limits)
                                "--newsgraph.limits.statement-timeout=0",
                                "--logging.level.root=WARN",
                                "--logging.level.org.newsgraph=INFO"),
                        Arrays.stream(args)
                                .skip(1)
                                .filter(a -> a.startsWith("--spring.") || a.startsWith("--newsgraph.")))
                .toArray(String[]::new);
        try (var context = app.run(springArgs)) {
            Collection<NewsGraphCommand<?>> commands = new ArrayList<>();
            context.getBeansOfType(NewsGraphCommand.class).values().forEach(commands::add);
            var command =
                    commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
            if (command.isEmpty()) {
                System.err.println("Unknown command '" + args[0] + "'. Commands:");
                commands.forEach(c -> System.err.printf("  %-10s %s%n", c.name(), c.description()));
                System.err.println("Without a command, NewsGraph starts the server.");
                return 2;
            }
            List<String> commandArgs = Arrays.stream(args)
                    .skip(1)
                    .filter(a -> !(a.startsWith("--spring.") || a.startsWith("--newsgraph.")))
                    .toList();
            return command.get().run(commandArgs);
        } catch (Exception e) {
            System.err.println(args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }
}
