package org.forcelink.retention;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the tracking store keeps what, under {@code forcelink.retention}: payloads per record type
 * ({@code default} for the others and for quarantined input), journeys (with their access and delivery
 * logs) longer, idempotency keys at least 7 days; and when the job runs (cron, UTC).
 */
@ConfigurationProperties("forcelink.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("0 30 2 * * *") String schedule, Map<String, Duration> payloads,
        @DefaultValue("2190d") Duration journeys, @DefaultValue("7d") Duration idempotency) {

    /** The shortest period ARCHITECTURE 3.4 allows for idempotency keys. */
    public static final Duration MIN_IDEMPOTENCY = Duration.ofDays(7);
    static final Duration DEFAULT_PAYLOADS = Duration.ofDays(90);

    public RetentionProperties {
        // Keyed in lower case: property binding may or may not keep the case of a key such as caseFile.
        Map<String, Duration> byType = new HashMap<>();
        if (payloads != null) {
            payloads.forEach((type, period) -> byType.put(type.toLowerCase(Locale.ROOT), period));
        }
        payloads = Map.copyOf(byType);
        if (idempotency.compareTo(MIN_IDEMPOTENCY) < 0) {
            throw new IllegalArgumentException("forcelink.retention.idempotency must be at least 7 days, not "
                    + idempotency);
        }
    }

    /** How long payloads of a record type are kept; {@code null} type means quarantined input. */
    public Duration payloadsOf(String recordType) {
        Duration period = recordType == null ? null : payloads.get(recordType.toLowerCase(Locale.ROOT));
        return period != null ? period : payloads.getOrDefault("default", DEFAULT_PAYLOADS);
    }
}
