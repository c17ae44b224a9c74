package org.newsgraph.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * When each test class started and ended, and on which thread: {@code target/test-timeline/<pid>.tsv}
 * (milliseconds since the JVM started), so that a slow suite shows its critical path: the classes that run one
 * after another, what waits for a Spring context, what runs beside them. The surefire reports give each class's
 * duration only. Registered for every JUnit run ({@code META-INF/services}); it measures, it asserts nothing.
 */
public final class TestTimeline implements TestExecutionListener {

    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

    private final List<String> lines = new ArrayList<>();

    @Override
    public void executionStarted(TestIdentifier test) {
        record(test, "start");
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        record(test, "end");
    }

    private void record(TestIdentifier test, String what) {
        if (test.getSource().orElse(null) instanceof ClassSource source) {
            long at = System.currentTimeMillis() - jvmStart;
            String line = at + "\t" + what + "\t" + source.getClassName() + "\t"
                    + Thread.currentThread().getName();
            synchronized (lines) {
                lines.add(line);
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Path directory = Path.of("target", "test-timeline");
        if (!Files.isDirectory(directory.getParent())) {
            return; // not run by the build
        }
        try {
            Files.createDirectories(directory);
            synchronized (lines) {
                Files.write(directory.resolve(ProcessHandle.current().pid() + ".tsv"), lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
