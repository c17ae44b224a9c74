package org.newsgraph;

import org.newsgraph.command.CommandRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The NewsGraph server, or one of its commands ({@code import}, ...) when the first argument names one. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NewsGraphApplication {

    public static void main(String[] args) {
        if (CommandRunner.isCommand(args)) {
            System.exit(CommandRunner.run(NewsGraphApplication.class, args));
        }
        SpringApplication.run(NewsGraphApplication.class, args);
    }
}
