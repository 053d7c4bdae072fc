package org.forcelink.ingest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * What a batching test does to its recording store's calls: holds them until released, so that work
 * piles up behind a commit, or fails them as a database that went away would.
 */
final class StoreGate {

    private volatile CountDownLatch latch;
    private volatile boolean failing;
    private final AtomicInteger failures = new AtomicInteger();

    /** Holds every call from now on until {@link #release()} (10 s at most). */
    void hold() {
        latch = new CountDownLatch(1);
    }

    /** Lets the held calls, and all later ones, through. */
    void release() {
        CountDownLatch held = latch;
        if (held != null) {
            held.countDown();
        }
    }

    /** Lets later calls through while the calls held now stay held; counting down the answer releases them. */
    CountDownLatch passLaterCalls() {
        CountDownLatch held = latch;
        latch = null;
        return held;
    }

    /** Whether calls are being held. */
    boolean holding() {
        CountDownLatch held = latch;
        return held != null && held.getCount() == 1;
    }

    void failing(boolean fail) {
        failing = fail;
    }

    /** How many calls were failed. */
    int failures() {
        return failures.get();
    }

    /** Called first by every store call: waits while held, then fails the call when failing. */
    void pass() {
        CountDownLatch held = latch;
        if (held != null) {
            try {
                held.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing) {
            failures.incrementAndGet();
            throw new DataAccessResourceFailureException("database away");
        }
    }
}
