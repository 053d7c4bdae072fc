package org.forcelink.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operational settings of federated subject search under {@code forcelink.search.*}; who may search for
 * what is policy and lives in {@code config/search.yaml} instead. See application.yaml for each key.
 */
@ConfigurationProperties("forcelink.search")
public record SearchSettings(
        long timeoutMs, long deadlineMs, long answerReserveMs, int threads, int connectionsPerForce, int maxRequestBytes,
        int maxAnswerBytes, int maxLogEntries, Stubs stubs) {

    /** The embedded force query stubs of the default run and the tests. */
    public record Stubs(boolean enabled) {}

    public SearchSettings {
        if (timeoutMs <= 0 || deadlineMs <= 0) {
            throw new IllegalArgumentException("forcelink.search.timeout-ms and deadline-ms must be positive");
        }
        if (answerReserveMs < 0 || answerReserveMs >= deadlineMs) {
            throw new IllegalArgumentException("forcelink.search.answer-reserve-ms must be at least 0 and less than "
                    + "deadline-ms");
        }
        if (threads <= 0 || connectionsPerForce <= 0) {
            throw new IllegalArgumentException("forcelink.search.threads and connections-per-force must be positive");
        }
        stubs = stubs == null ? new Stubs(false) : stubs;
    }
}
