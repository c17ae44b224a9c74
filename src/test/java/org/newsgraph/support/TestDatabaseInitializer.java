package org.newsgraph.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a test's Spring context at the shared database of the {@link TestDatabase} server. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        apply(context, TestDatabase.get().url());
    }

    static void apply(ConfigurableApplicationContext context, String url) {
        var database = TestDatabase.get();
        Map<String, Object> properties = new HashMap<>();
        // Responses carry extensions.sql (statements per request), so tests can assert batching.
        properties.put("newsgraph.sql-metrics.enabled", "true");
        properties.put("spring.datasource.url", url);
        if (database.user() != null) properties.put("spring.datasource.username", database.user());
        if (database.password() != null) properties.put("spring.datasource.password", database.password());
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("newsgraphTestDatabase", properties));
    }
}
