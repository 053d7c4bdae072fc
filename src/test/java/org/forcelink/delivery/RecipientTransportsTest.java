package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.forcelink.canonical.RecordType;
import org.forcelink.routing.BreakerSettings;
import org.forcelink.routing.FieldAllowList;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.RecordFilter;
import org.forcelink.routing.RetryPolicy;
import org.forcelink.routing.Subscriptions;
import org.forcelink.routing.TransportSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Retries, giving up and the circuit breaker of one recipient, with a scripted transport: what the
 * recipient is asked how often, and what the route gets back. Delays are milliseconds so the test is quick.
 */
class RecipientTransportsTest {

    private static final String MESSAGE_ID = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";

    /** A transport that answers from a script: each call takes the next entry (an answer or an exception). */
    static final class ScriptedTransport implements RecipientTransport {
        final List<Object> script = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile Object whenScriptEnds = RecipientAnswer.delivered("HTTP 200 from test");

        @Override
        public String type() {
            return "http";
        }

        @Override
        public RecipientAnswer send(Delivery delivery) throws Exception {
            int call = calls.getAndIncrement();
            Object next = call < script.size() ? script.get(call) : whenScriptEnds;
            if (next instanceof Exception e) {
                throw e;
            }
            return (RecipientAnswer) next;
        }
    }

    private final ScriptedTransport transport = new ScriptedTransport();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static Recipient recipient(RetryPolicy retry, BreakerSettings breaker) {
        return new Recipient("pnd", "test", Set.of(RecordType.CRIME), RecordFilter.ALWAYS, null,
                new FieldAllowList(List.of()), List.of(), "pnd-xml", null,
                new TransportSettings.Http("http://127.0.0.1:9/x", null, Duration.ofSeconds(1), null), retry, breaker);
    }

    private RecipientTransports transports(Recipient recipient, RecipientBreakers breakers) {
        return new RecipientTransports(new Subscriptions(List.of(recipient)), List.of(transport), breakers,
                System::currentTimeMillis);
    }

    private static RecipientTransport.Delivery delivery(Recipient recipient) {
        return new RecipientTransport.Delivery(recipient, MESSAGE_ID, Rendered.text("<x/>", "application/xml", "xml"));
    }

    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ofMillis(5), 2, Duration.ofMillis(20),
            Duration.ofSeconds(10));
    /** A breaker that never opens, to count retries alone. */
    private static final BreakerSettings NEVER_OPENS = new BreakerSettings(100, 100, 100, Duration.ofSeconds(1));

    @Test
    void aRecipientThatIsBrieflyUnavailableGetsTheRecordOnTheNextTry() {
        Recipient recipient = recipient(QUICK, NEVER_OPENS);
        transport.script.addAll(List.of(new RecipientUnavailableException("HTTP 503 from pnd"),
                new java.io.IOException("connection refused")));

        RecipientAnswer answer = transports(recipient, new RecipientBreakers(new Subscriptions(List.of(recipient)),
                meters)).send(delivery(recipient));

        assertThat(answer).isEqualTo(RecipientAnswer.delivered("HTTP 200 from test"));
        assertThat(transport.calls).hasValue(3);
    }

    @Test
    void afterGiveUpAfterTheRecordIsUndeliverableWithTheLastCause() {
        Recipient recipient = recipient(new RetryPolicy(Duration.ofMillis(10), 2, Duration.ofMillis(40),
                Duration.ofMillis(150)), NEVER_OPENS);
        transport.whenScriptEnds = new RecipientUnavailableException("HTTP 503 from pnd");
        // Virtual time: each reading of the clock moves it on by 1 ms, so how many attempts fit in the
        // give-up window does not depend on how busy the machine is.
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        RecipientTransports transports = new RecipientTransports(new Subscriptions(List.of(recipient)),
                List.of(transport), new RecipientBreakers(new Subscriptions(List.of(recipient)), meters),
                now::incrementAndGet);

        long started = System.currentTimeMillis();
        assertThatThrownBy(() -> transports.send(delivery(recipient)))
                .isInstanceOf(UndeliverableException.class)
                .hasMessageMatching("gave up after \\d+ attempt\\(s\\) in 0 s: HTTP 503 from pnd")
                .hasCauseInstanceOf(RecipientUnavailableException.class);
        // Waits of 10, 20, 40, 40 ms fit in 150 ms; the next would not: five attempts, bounded in time.
        assertThat(transport.calls).hasValue(5);
        assertThat(System.currentTimeMillis() - started).isLessThan(1_000);
    }

    @Test
    void aRefusalIsNotRetriedAndDoesNotCountAgainstTheRecipientsHealth() {
        Recipient recipient = recipient(QUICK, new BreakerSettings(50, 2, 1, Duration.ofSeconds(10)));
        RecipientBreakers breakers = new RecipientBreakers(new Subscriptions(List.of(recipient)), meters);
        transport.script.add(new RecipientRefusedException("HTTP 400 from pnd: bad record"));

        assertThatThrownBy(() -> transports(recipient, breakers).send(delivery(recipient)))
                .isInstanceOf(RecipientRefusedException.class).hasMessage("HTTP 400 from pnd: bad record");

        assertThat(transport.calls).hasValue(1);
        assertThat(breakers.of("pnd").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakers.of("pnd").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void theBreakerOpensStopsCallingWhileOpenThenOneTrialCallClosesIt() {
        Recipient recipient = recipient(new RetryPolicy(Duration.ofMillis(10), 1, Duration.ofMillis(10),
                Duration.ofSeconds(20)), new BreakerSettings(50, 4, 4, Duration.ofMillis(1500)));
        RecipientBreakers breakers = new RecipientBreakers(new Subscriptions(List.of(recipient)), meters);
        transport.whenScriptEnds = new RecipientUnavailableException("HTTP 503 from pnd");
        RecipientTransports transports = transports(recipient, breakers);

        CompletableFuture<RecipientAnswer> sending = CompletableFuture.supplyAsync(() ->
                transports.send(delivery(recipient)));
        await().atMost(Duration.ofSeconds(5)).until(() -> breakers.of("pnd").getState() == CircuitBreaker.State.OPEN);
        int callsWhenOpened = transport.calls.get();
        assertThat(callsWhenOpened).isEqualTo(4);
        assertThat(gauge("open")).isEqualTo(1.0);
        assertThat(gauge("closed")).isEqualTo(0.0);
        Health health = new RecipientsHealthIndicator(breakers).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("pnd")).isEqualTo(Map.of("circuitBreaker", "OPEN",
                "failureRatePercent", 100.0f, "bufferedCalls", 4, "failedCalls", 4,
                "notPermittedCalls", ((Map<?, ?>) health.getDetails().get("pnd")).get("notPermittedCalls")));
        // While open, the retries wait without calling the recipient.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofMillis(1000))
                .until(() -> transport.calls.get() == callsWhenOpened);

        transport.whenScriptEnds = RecipientAnswer.delivered("HTTP 200 from test");

        assertThat(sending.join()).isEqualTo(RecipientAnswer.delivered("HTTP 200 from test"));
        assertThat(transport.calls).hasValue(callsWhenOpened + 1);
        assertThat(breakers.of("pnd").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(gauge("closed")).isEqualTo(1.0);
    }

    @Test
    void aStoppingHubEndsTheWaitAndLeavesTheRecordOnItsQueue() {
        Recipient recipient = recipient(new RetryPolicy(Duration.ofSeconds(30), 1, Duration.ofSeconds(30),
                Duration.ofHours(1)), NEVER_OPENS);
        transport.whenScriptEnds = new RecipientUnavailableException("HTTP 503 from pnd");
        RecipientTransports transports = transports(recipient,
                new RecipientBreakers(new Subscriptions(List.of(recipient)), meters));
        CompletableFuture<RecipientAnswer> sending = CompletableFuture.supplyAsync(() ->
                transports.send(delivery(recipient)));
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.calls.get() == 1);

        transports.stopping();

        assertThatThrownBy(sending::join).hasCauseInstanceOf(DeliveryInterruptedException.class)
                .cause().hasMessage("the hub is stopping; " + MESSAGE_ID + " stays on the queue of pnd");
        assertThat(transport.calls).hasValue(1);
    }

    private double gauge(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", "pnd").tag("state", state).gauge().value();
    }
}
