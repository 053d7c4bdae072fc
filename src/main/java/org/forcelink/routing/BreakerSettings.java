package org.forcelink.routing;

import java.time.Duration;

/**
 * The circuit breaker of one recipient: it opens when at least {@code failureRatePercent} of the last
 * {@code slidingWindow} calls failed (once {@code minimumCalls} were made), and then lets no call
 * through for {@code openFor}, after which one trial call decides whether it closes again.
 */
public record BreakerSettings(float failureRatePercent, int slidingWindow, int minimumCalls, Duration openFor) {

    public static final BreakerSettings DEFAULT = new BreakerSettings(50f, 10, 4, Duration.ofSeconds(5));

    public BreakerSettings {
        if (failureRatePercent <= 0 || failureRatePercent > 100 || slidingWindow < 1 || minimumCalls < 1
                || openFor.isNegative() || openFor.isZero()) {
            throw new IllegalArgumentException("circuitBreaker needs 0 < failureRatePercent <= 100, slidingWindow >= 1,"
                    + " minimumCalls >= 1 and openFor > 0");
        }
    }
}
