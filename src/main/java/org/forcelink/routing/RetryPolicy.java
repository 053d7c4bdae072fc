package org.forcelink.routing;

import java.time.Duration;

/**
 * How long the hub keeps trying a recipient that is unavailable before it dead-letters a record:
 * attempts back off from {@code initialDelay} by {@code multiplier} up to {@code maxDelay}; once
 * {@code giveUpAfter} has passed since the first attempt, the record goes to dlq.&lt;recipient&gt;.
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, Duration giveUpAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(30));

    public RetryPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero() || multiplier < 1.0 || maxDelay.compareTo(initialDelay) < 0
                || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry needs initialDelay > 0, multiplier >= 1, maxDelay >= initialDelay"
                    + " and giveUpAfter >= 0");
        }
    }

    /** The wait after a wait of {@code previous}. */
    public Duration next(Duration previous) {
        long millis = (long) Math.min(previous.toMillis() * multiplier, maxDelay.toMillis());
        return Duration.ofMillis(Math.max(millis, initialDelay.toMillis()));
    }
}
