package org.newsgraph.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A database of its own for measuring resolution: nothing but the demo dataset and the test sets land in
 * it, so what other tests write cannot join or split what is measured.
 */
public class EvaluationDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabaseInitializer.apply(context, TestDatabase.get().createMigratedDatabase("evaluation"));
    }
}
