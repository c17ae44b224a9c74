package org.newsgraph.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link IntegrationTest}, but on a database of its own (migrated, with the demo dataset), for
 * tests that write: what they add never changes what the read tests on the shared database see. All
 * classes with this annotation share that one database (and Spring context), so write with unique
 * URLs and names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabaseInitializer.class)
public @interface IsolatedIntegrationTest {}
