package org.forcelink.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code recipients} component of /actuator/health: each recipient's circuit breaker state and
 * recent failure rate. A recipient being down is not the hub being down, so the status stays UP (the
 * hub keeps its records queued); operators read the details.
 */
public class RecipientsHealthIndicator implements HealthIndicator {

    private final RecipientBreakers breakers;

    public RecipientsHealthIndicator(RecipientBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        new TreeMap<>(breakers.all()).forEach((recipient, breaker) -> health.withDetail(recipient, details(breaker)));
        return health.build();
    }

    private static Map<String, Object> details(CircuitBreaker breaker) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("circuitBreaker", breaker.getState().name());
        details.put("failureRatePercent", metrics.getFailureRate());
        details.put("bufferedCalls", metrics.getNumberOfBufferedCalls());
        details.put("failedCalls", metrics.getNumberOfFailedCalls());
        details.put("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
        return details;
    }
}
