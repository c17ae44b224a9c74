package org.newsgraph.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Like {@link IntegrationTest}, but on a database of its own (migrated, with the demo dataset), for
 * tests that write: what they add never changes what the read tests on the shared database see. All
 * classes with this annotation share that one database (and Spring context), so write with unique
 * URLs and names.
 *
 * <p>These classes run one after the other (they hold the lock {@link #DATABASE}), beside the classes of the
 * shared database: the two groups share no context, no database and no table. They write to the console, so a
 * class that reads or replaces {@code System.out}/{@code System.err} takes that JUnit resource in
 * {@code READ_WRITE} mode and runs while none of them does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabaseInitializer.class)
@Execution(value = ExecutionMode.CONCURRENT, reason = "shares no context or database with the other classes")
@ResourceLock(IsolatedIntegrationTest.DATABASE)
@ResourceLock(value = Resources.SYSTEM_OUT, mode = ResourceAccessMode.READ)
@ResourceLock(value = Resources.SYSTEM_ERR, mode = ResourceAccessMode.READ)
public @interface IsolatedIntegrationTest {

    /** The lock of the isolated database and its context: one class at a time. */
    String DATABASE = "org.newsgraph.isolated-database";
}
