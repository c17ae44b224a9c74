package org.newsgraph.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test's Spring context at a new database of its own on the {@link TestDatabase} server (migrated, no rows). */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabaseInitializer.apply(context, TestDatabase.get().createMigratedDatabase("isolated"));
    }
}
