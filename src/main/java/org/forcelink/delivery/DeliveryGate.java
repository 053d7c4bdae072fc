package org.forcelink.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.routing.FieldPath;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.tracking.JourneyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per recipient, whether a record may go out: a record the recipient already has (a redelivery
 * after a broker or hub restart, {@link DeliveryTracker#alreadyDelivered}) is not sent again; a corrected version releases the earlier version
 * held for that recipient, and a record missing a field the recipient requires is held for that
 * recipient only (principle 1), with the reason on its journey. Also holds a record its recipient
 * answered with NACK. Called by the outbound routes before rendering.
 */
public class DeliveryGate {

    /** Exchange property holding the message as taken from the recipient's queue, for its dead letter. */
    static final String ORIGINAL_PROPERTY = "forcelinkOriginal";
    /** Exchange property holding the canonical record as the gate read it, so rendering does not read it again. */
    static final String RECORD_PROPERTY = "forcelinkRecord";

    private static final Logger log = LoggerFactory.getLogger(DeliveryGate.class);

    private final Subscriptions subscriptions;
    private final DeliveryHolds holds;
    private final JourneyRecorder journey;
    private final Clock clock;

    private final DeliveryTracker tracker;

    public DeliveryGate(Subscriptions subscriptions, DeliveryHolds holds, JourneyRecorder journey, Clock clock,
            DeliveryTracker tracker) {
        this.subscriptions = subscriptions;
        this.holds = holds;
        this.journey = journey;
        this.clock = clock;
        this.tracker = tracker;
    }

    /** A gate that does not recognise redeliveries (route tests). */
    public DeliveryGate(Subscriptions subscriptions, DeliveryHolds holds, JourneyRecorder journey, Clock clock) {
        this(subscriptions, holds, journey, clock, null);
    }

    /**
     * Sets {@link ForceLinkHeaders#HELD} and the record's identity on the exchange; records held and released
     * events. The message taken from the queue is replaced by a plain copy of its body and headers first:
     * every later step of an outbound route is wrapped for in-hub retries ({@code delivery-errors}), which
     * copy the exchange before each step, and a copy of a JMS message reads all its JMS properties again.
     */
    public void admit(Exchange exchange) {
        detach(exchange);
        Recipient recipient = recipient(exchange, subscriptions);
        if (tracker != null && tracker.alreadyDelivered(exchange, recipient.id())) {
            exchange.setProperty(ForceLinkHeaders.ALREADY_DELIVERED, true);
            log.info("{} was already delivered to {}; the broker's redelivery is not sent again",
                    exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class), recipient.id());
            return;
        }
        exchange.setProperty(DeliveryTracker.CANONICAL_PROPERTY, exchange.getIn().getBody(String.class));
        JsonNode record = canonical(exchange);
        RecordIdentity identity = RecordIdentity.of(record);
        exchange.setProperty(ForceLinkHeaders.RECORD_IDENTITY, identity);
        String actor = exchange.getFromRouteId();
        holds.releaseCorrected(recipient.id(), identity).ifPresent(earlier -> {
            journey.event(earlier.record().messageId(), "held", actor, recipient.id(), "released: superseded by"
                    + " corrected version " + identity.sourceVersion() + " (message " + identity.messageId()
                    + "); this version will not be delivered to " + recipient.id());
            log.info("hold of {} for {} released by corrected version {}", earlier.record().messageId(),
                    recipient.id(), identity.messageId());
        });
        List<String> missing = new ArrayList<>();
        for (FieldPath required : recipient.requiredFields()) {
            missing.addAll(required.missing(record));
        }
        boolean held = !missing.isEmpty();
        exchange.setProperty(ForceLinkHeaders.HELD, held);
        if (held) {
            hold(exchange, recipient, identity, (missing.size() == 1 ? "missing required field " : "missing required fields ")
                    + String.join(", ", missing) + "; a corrected version releases it");
        }
    }

    /** Holds a record the recipient answered with NACK, with the recipient's reason. */
    public void nacked(Exchange exchange) {
        Recipient recipient = recipient(exchange, subscriptions);
        RecordIdentity identity = exchange.getProperty(ForceLinkHeaders.RECORD_IDENTITY, RecordIdentity.class);
        RecipientAnswer answer = exchange.getProperty(ForceLinkHeaders.ANSWER, RecipientAnswer.class);
        exchange.setProperty(ForceLinkHeaders.HELD, true);
        hold(exchange, recipient, identity, "NACK from " + recipient.id() + ": "
                + Optional.ofNullable(answer.reason()).orElse("no reason given") + "; a corrected version releases it");
    }

    private void hold(Exchange exchange, Recipient recipient, RecordIdentity identity, String reason) {
        holds.hold(recipient.id(), identity, reason, clock.instant());
        journey.event(identity.messageId(), "held", exchange.getFromRouteId(), recipient.id(), reason);
        log.info("{} held for {}", identity.messageId(), recipient.id());
    }

    static Recipient recipient(Exchange exchange, Subscriptions subscriptions) {
        String id = exchange.getProperty(ForceLinkHeaders.RECIPIENT, String.class);
        if (id == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " sets no "
                    + ForceLinkHeaders.RECIPIENT + " property");
        }
        return subscriptions.recipient(id)
                .orElseThrow(() -> new IllegalStateException("no subscription for recipient " + id));
    }

    /**
     * The canonical record of the exchange: as the gate read it, or read from the body. Nothing changes the
     * tree once read (minimising and rendering build new ones), so the steps after the gate share it.
     */
    static JsonNode canonical(Exchange exchange) {
        JsonNode read = exchange.getProperty(RECORD_PROPERTY, JsonNode.class);
        if (read != null) {
            return read;
        }
        try {
            JsonNode record = CanonicalJson.mapper().readTree(exchange.getIn().getBody(String.class));
            exchange.setProperty(RECORD_PROPERTY, record);
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("the record on the recipient's queue is not canonical JSON", e);
        }
    }

    /**
     * Replaces a message of a component (a JMS message) by a plain one with the same id, body and headers,
     * and keeps the message taken from the queue, which no later step changes, for {@link #original}. A
     * plain message (a route fed directly, in tests) stays in place and a copy of it is kept instead.
     */
    static void detach(Exchange exchange) {
        Message in = exchange.getIn();
        if (exchange.getProperty(ORIGINAL_PROPERTY) != null) {
            return;
        }
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.copyFrom(in);
        if (in.getClass() != DefaultMessage.class) {
            exchange.setProperty(ORIGINAL_PROPERTY, in);
            exchange.setIn(plain);
        } else {
            exchange.setProperty(ORIGINAL_PROPERTY, plain);
        }
    }

    /**
     * Puts back the message as it was taken from the queue, body and headers, before a record is
     * dead-lettered ({@code delivery-errors}), so a replay starts from the canonical record, not from what
     * rendering or sending left. Camel's {@code useOriginalMessage} would do the same, but it makes every
     * route of the hub copy every message it takes, in case it fails; this keeps the one message only.
     * A failure before {@link #admit} leaves the message untouched, so there is nothing to put back.
     */
    public void original(Exchange exchange) {
        Message original = exchange.getProperty(ORIGINAL_PROPERTY, Message.class);
        if (original != null) {
            DefaultMessage restored = new DefaultMessage(exchange);
            restored.copyFrom(original);
            exchange.setIn(restored);
        }
    }
}
