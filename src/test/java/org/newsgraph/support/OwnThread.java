package org.newsgraph.support;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each task on a thread of its own, for the tests' background tasks that block (a request waiting for a
 * lock, a writer streaming requests until told to stop). Without an executor, {@code CompletableFuture.runAsync}
 * puts them on the common fork-join pool, which has one thread fewer than the machine has cores and adds none
 * for a task blocked in I/O: on a machine with a few cores, the blocked tasks of the test classes that run beside
 * each other can hold all of its threads, and a task another test waits for does not start. (With 2 cores,
 * {@code CompletableFuture} gives every task a thread of its own anyway, so this shows only on other machines.)
 */
public final class OwnThread implements Executor {

    /** The executor. */
    public static final Executor EACH = new OwnThread();

    private static final AtomicInteger COUNT = new AtomicInteger();

    private OwnThread() {}

    @Override
    public void execute(Runnable task) {
        var thread = new Thread(task, "test-task-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }
}
