package org.forcelink.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of one search's force queries as they arrive from parallel threads. Closing it at the
 * deadline freezes what the answer shows: an answer that arrives later is dropped (never disclosed, never
 * logged as disclosed), and a query not yet started is not sent at all.
 */
public final class SearchCollector {

    private static final Logger log = LoggerFactory.getLogger(SearchCollector.class);

    private final String searchId;
    private final int expected;
    private final Map<String, ForceOutcome> outcomes = new LinkedHashMap<>();
    private boolean closed;

    /** A collector for {@code expected} force systems' outcomes. */
    public SearchCollector(String searchId, int expected) {
        this.searchId = searchId;
        this.expected = expected;
    }

    /**
     * Records a target's outcome. An answer that came later than the target's own timeout counts as a
     * timeout (its records are not used). Returns false when the search is already closed.
     */
    public synchronized boolean offer(QueryTarget target, ForceOutcome outcome) {
        if (closed) {
            log.info("search {}: {} answered after the deadline; its answer was dropped", searchId, target.name());
            return false;
        }
        ForceOutcome kept = outcome;
        if (outcome instanceof ForceOutcome.Answered answered && answered.elapsedMs() > target.timeoutMs()) {
            kept = new ForceOutcome.Missing(target.force(), target.system(), ForceOutcome.Reason.TIMEOUT,
                    "answered after " + answered.elapsedMs() + " ms, later than its timeout of " + target.timeoutMs()
                            + " ms; the answer was not used", answered.elapsedMs());
        }
        outcomes.putIfAbsent(target.name(), kept);
        if (outcomes.size() >= expected) {
            notifyAll();
        }
        return true;
    }

    /**
     * Waits until every system's outcome is in or the clock ({@link System#nanoTime()}) reaches
     * {@code untilNanos}, whichever is first; then closes the search and returns the outcomes that arrived
     * in time, by target name (force/system).
     */
    public synchronized Map<String, ForceOutcome> awaitAndClose(long untilNanos) throws InterruptedException {
        long left = untilNanos - System.nanoTime();
        while (!closed && outcomes.size() < expected && left > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            left = untilNanos - System.nanoTime();
        }
        return close();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the search and returns the outcomes that arrived in time, by target name (force/system). */
    public synchronized Map<String, ForceOutcome> close() {
        closed = true;
        return Map.copyOf(outcomes);
    }
}
