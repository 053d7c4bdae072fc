package org.forcelink.search;

import java.time.Instant;
import java.util.List;

/**
 * One search as it runs: its id, who asked, for whom, for which purpose and why, when it started (wall
 * clock for the log, monotonic nanos for its deadline), and the force systems it asks.
 */
public record SubjectSearch(
        String searchId, SearchCaller caller, SubjectQuery query, SearchPolicy.Purpose purpose, String reason,
        Instant startedAt, long startedNanos, long deadlineMs, List<QueryTarget> targets) {

    public SubjectSearch {
        targets = List.copyOf(targets);
    }

    @Override
    public String toString() {
        // Identifiers and the reason are personal data and stay out of logs.
        return "SubjectSearch[" + searchId + " by " + caller.id() + " for " + purpose.code() + ", "
                + targets.size() + " systems]";
    }
}
