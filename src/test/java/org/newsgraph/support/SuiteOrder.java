package org.newsgraph.support;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * The order in which JUnit starts the test classes ({@code junit-platform.properties}): the same on every machine
 * (the file system's order is not), and one that keeps the two lanes busy:
 * <ol>
 * <li>the classes that run beside the others and load no Spring test context, longest ({@link LongRunning})
 * first: they take no lock of the context cache, so they cannot delay the first context of the shared lane;</li>
 * <li>the classes of the shared lane that need a Spring test context, so that its context loads at once;</li>
 * <li>the classes that run beside the others with a context of their own (slices, the isolated database);</li>
 * <li>the rest of the shared lane: plain unit tests;</li>
 * <li>last, the classes that run with nothing beside them ({@code @Isolated}): such a class waits until every
 * class beside the others has ended, and the shared lane with it.</li>
 * </ol>
 * By class name within each group. The classes beside the others and those of the shared lane are two
 * sequences of their own (JUnit hands the first to its pool and runs the second on one thread), so the groups
 * order each of them. {@code -Djunit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$Random}
 * replaces this order with a random one (a check for order dependence).
 */
public final class SuiteOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparingInt(SuiteOrder::group)
                        .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    static int group(ClassDescriptor descriptor) {
        Class<?> type = descriptor.getTestClass();
        if (AnnotatedElementUtils.hasAnnotation(type, Isolated.class)) {
            return 5;
        }
        Execution execution = AnnotatedElementUtils.findMergedAnnotation(type, Execution.class);
        boolean beside = execution != null && execution.value() == ExecutionMode.CONCURRENT;
        boolean spring = AnnotatedElementUtils.hasAnnotation(type, SpringBootTest.class)
                || AnnotatedElementUtils.hasAnnotation(type, BootstrapWith.class)
                || AnnotatedElementUtils.hasAnnotation(type, ContextConfiguration.class);
        if (beside && !spring) {
            return AnnotatedElementUtils.hasAnnotation(type, LongRunning.class) ? 0 : 1;
        }
        if (!beside && spring) {
            return 2;
        }
        return beside ? 3 : 4;
    }
}
