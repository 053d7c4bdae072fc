package org.forcelink.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.RetryPolicy;
import org.forcelink.routing.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a rendered record to its recipient over the transport its subscription names, through the
 * recipient's circuit breaker, retrying with back-off while the recipient is unavailable. The record
 * stays at the head of its queue meanwhile, so later records about the same subject cannot overtake it
 * (docs/decisions/0005-ordered-delivery-with-in-process-retries.md); after the policy's
 * {@code giveUpAfter} it is dead-lettered. A stopping hub rolls it back instead. Called by outbound routes.
 */
public class RecipientTransports {

    private static final Logger log = LoggerFactory.getLogger(RecipientTransports.class);
    private static final long PAUSE_SLICE_MILLIS = 100;

    private final Subscriptions subscriptions;
    private final Map<String, RecipientTransport> byType;
    private final RecipientBreakers breakers;
    private final LongSupplier clock;
    private volatile boolean stopping;

    public RecipientTransports(Subscriptions subscriptions, List<RecipientTransport> transports,
            RecipientBreakers breakers, LongSupplier clock) {
        this.subscriptions = subscriptions;
        this.byType = transports.stream().collect(Collectors.toUnmodifiableMap(RecipientTransport::type,
                Function.identity()));
        this.breakers = breakers;
        this.clock = clock;
    }

    /** Sets {@link ForceLinkHeaders#ANSWER} and {@link ForceLinkHeaders#ACKNOWLEDGEMENT} from what the recipient said. */
    public void send(Exchange exchange) {
        Recipient recipient = DeliveryGate.recipient(exchange, subscriptions);
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        Rendered rendered = exchange.getProperty(ForceLinkHeaders.RENDERED, Rendered.class);
        RecipientAnswer answer = send(new RecipientTransport.Delivery(recipient, messageId, rendered));
        exchange.setProperty(ForceLinkHeaders.ANSWER, answer);
        exchange.setProperty(ForceLinkHeaders.ACKNOWLEDGEMENT,
                answer.outcome() == RecipientAnswer.Outcome.DELIVERED ? null : answer.outcome().name());
    }

    public RecipientAnswer send(RecipientTransport.Delivery delivery) {
        Recipient recipient = delivery.recipient();
        RecipientTransport transport = byType.get(recipient.transport().type());
        if (transport == null) {
            throw new IllegalStateException("recipient " + recipient.id() + " has transport "
                    + recipient.transport().type() + ", which records are not sent over one by one");
        }
        CircuitBreaker breaker = breakers.of(recipient.id());
        RetryPolicy policy = recipient.retry();
        long started = clock.getAsLong();
        Duration wait = policy.initialDelay();
        Throwable lastFailure = null;
        int attempts = 0;
        while (true) {
            if (stopping) {
                throw new DeliveryInterruptedException("the hub is stopping; " + delivery.messageId()
                        + " stays on the queue of " + recipient.id());
            }
            try {
                return breaker.executeCheckedSupplier(() -> transport.send(delivery));
            } catch (UndeliverableException e) {
                throw e;
            } catch (CallNotPermittedException e) {
                // The breaker is open: wait without calling; the last real failure stays the cause.
                if (lastFailure == null) {
                    lastFailure = e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryInterruptedException("interrupted while sending " + delivery.messageId());
            } catch (Throwable e) {
                lastFailure = e;
                attempts++;
                log.warn("delivery of {} to {} failed (attempt {}), next try in {} ms: {}", delivery.messageId(),
                        recipient.id(), attempts, wait.toMillis(), loggable(e));
            }
            long elapsed = clock.getAsLong() - started;
            if (elapsed + wait.toMillis() > policy.giveUpAfter().toMillis()) {
                throw new UndeliverableException("gave up after " + attempts + " attempt(s) in "
                        + Duration.ofMillis(elapsed).toSeconds() + " s: " + describe(lastFailure), lastFailure);
            }
            pause(wait);
            wait = policy.next(wait);
        }
    }

    private void pause(Duration wait) {
        long until = clock.getAsLong() + wait.toMillis();
        try {
            while (!stopping && clock.getAsLong() < until) {
                Thread.sleep(Math.min(PAUSE_SLICE_MILLIS, Math.max(1, until - clock.getAsLong())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryInterruptedException("interrupted while waiting to retry");
        }
    }

    /**
     * What the log may say about a failure: the kind and, for the hub's own messages, the status, but
     * never text the recipient sent back, which could quote the record.
     */
    static String loggable(Throwable e) {
        if (e instanceof RecipientUnavailableException && e.getMessage() != null) {
            int colon = e.getMessage().indexOf(':');
            return colon < 0 ? e.getMessage() : e.getMessage().substring(0, colon);
        }
        return e.getClass().getSimpleName();
    }

    static String describe(Throwable e) {
        return e == null ? "unknown" : e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof RecipientUnavailableException || e instanceof CallNotPermittedException ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** From now on, a record waiting for its recipient is rolled back onto its queue rather than waited for. */
    public void stopping() {
        stopping = true;
    }
}
