package org.newsgraph.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * A test class that shares nothing with the other test classes: no Spring context of theirs, only databases of
 * its own (on the {@link TestDatabase} server, or a PostgreSQL it starts) or none (a {@code @GraphQlTest} slice),
 * its own servers and processes, and nothing it reads back from the console. JUnit runs such a class beside the others
 * ({@code junit-platform.properties}): a Spring test mostly waits on its server and database, which leaves the
 * second core idle. The class's own tests still run one after the other (a lock named after the class is held
 * by the class, so its tests run in its thread).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Execution(value = ExecutionMode.CONCURRENT, reason = "shares nothing with the other test classes")
@ResourceLock(providers = SharesNothing.OwnLock.class)
public @interface SharesNothing {

    /** One lock per class: the class's tests run in order, and never beside each other. */
    final class OwnLock implements ResourceLocksProvider {
        @Override
        public Set<Lock> provideForClass(Class<?> testClass) {
            return Set.of(new Lock(testClass.getName()));
        }
    }
}
