package org.newsgraph.support;

import java.util.ArrayList;
import java.util.List;
import org.newsgraph.NewsGraphApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application (no web server) on a database of its own for measuring resolution: nothing but the demo
 * dataset and the test sets land in it, so what other tests write cannot join or split what is measured.
 *
 * <p>Started by the class that measures, not through Spring's test context cache: the cache loads one context at
 * a time, and this one takes the longest to load (the first test database, the migrated template), so every other
 * class that needed a context of its own meanwhile waited, the serial classes' shared context first among them.
 */
public final class EvaluationApplication {

    private EvaluationApplication() {}

    public static ConfigurableApplicationContext start() {
        var database = TestDatabase.get();
        var arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.createMigratedDatabase("evaluation"),
                "--newsgraph.sql-metrics.enabled=true"));
        if (database.user() != null) arguments.add("--spring.datasource.username=" + database.user());
        if (database.password() != null) arguments.add("--spring.datasource.password=" + database.password());
        return new SpringApplicationBuilder(NewsGraphApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run(arguments.toArray(String[]::new));
    }
}
