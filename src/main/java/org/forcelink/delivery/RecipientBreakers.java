package org.forcelink.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forcelink.routing.BreakerSettings;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per recipient, named after it, configured from its subscription and
 * published as Micrometer metrics ({@code resilience4j.circuitbreaker.state{name=<recipient>}} and
 * friends). A refusal of one record is not the recipient being down, so it never counts as a failure.
 */
public class RecipientBreakers {

    private static final Logger log = LoggerFactory.getLogger(RecipientBreakers.class);

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final Map<String, CircuitBreaker> byRecipient = new LinkedHashMap<>();

    public RecipientBreakers(Subscriptions subscriptions, MeterRegistry meters) {
        for (Recipient recipient : subscriptions.recipients()) {
            CircuitBreaker breaker = registry.circuitBreaker(recipient.id(), config(recipient.circuitBreaker()));
            breaker.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.StateTransition transition = event.getStateTransition();
                if (transition.getToState() == CircuitBreaker.State.OPEN) {
                    log.warn("circuit breaker of recipient {} opened ({}): no calls for {}", recipient.id(),
                            transition, recipient.circuitBreaker().openFor());
                } else {
                    log.info("circuit breaker of recipient {}: {}", recipient.id(), transition);
                }
            });
            byRecipient.put(recipient.id(), breaker);
        }
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    static CircuitBreakerConfig config(BreakerSettings settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(UndeliverableException.class)
                .build();
    }

    public CircuitBreaker of(String recipient) {
        CircuitBreaker breaker = byRecipient.get(recipient);
        if (breaker == null) {
            throw new IllegalStateException("no circuit breaker for recipient " + recipient);
        }
        return breaker;
    }

    /** Every breaker by recipient, in subscription order. */
    public Map<String, CircuitBreaker> all() {
        return Map.copyOf(byRecipient);
    }
}
