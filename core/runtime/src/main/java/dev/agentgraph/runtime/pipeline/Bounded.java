package dev.agentgraph.runtime.pipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a call that might never return (a plugin's close or stop) on its own daemon thread and
 * waits for it at most a given time, so that shutdown stays bounded whatever a plugin does.
 */
public final class Bounded {

    private Bounded() {
    }

    /** Runs {@code action} through {@code guard}; returns false if it did not finish in time. */
    public static boolean run(String threadName, Duration timeout, Guard guard, String what, Guard.Action action) {
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                guard.run(what, action);
            } finally {
                done.countDown();
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
