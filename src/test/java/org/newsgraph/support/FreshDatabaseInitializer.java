package org.newsgraph.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a test's Spring context at a new, empty database of its own on the {@link TestDatabase} server. */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabaseInitializer.apply(context, TestDatabase.get().createDatabase("isolated"));
    }
}
