package org.forcelink.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.tracking.DeliveryLog;
import org.forcelink.tracking.JourneyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the outcome of a delivery on the record's journey, and each delivery in the delivery log;
 * called by each outbound route.
 */
public class DeliveryTracker {

    /**
     * Exchange property holding the canonical record a delivery was made from (set by the delivery gate
     * before the record is minimised or mapped), so the delivery log and replay compare canonical records;
     * without it the body at delivery time is taken.
     */
    public static final String CANONICAL_PROPERTY = "forcelinkCanonical";

    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

    /** How many recent deliveries are remembered in memory, to recognise a redelivery without the database. */
    static final int RECENT = 50_000;
    private static final String REDELIVERED = "JMSRedelivered";

    private final JourneyRecorder journey;
    private final DeliveryLog deliveryLog;
    private final Map<String, Boolean> recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT;
        }
    });

    public DeliveryTracker(JourneyRecorder journey, DeliveryLog deliveryLog) {
        this.journey = journey;
        this.deliveryLog = deliveryLog;
    }

    /** A tracker that records journey events only (route tests without a database). */
    public DeliveryTracker(JourneyRecorder journey) {
        this(journey, null);
    }

    /** The recipient took the record: the journey says how (HTTP status, ACK reference, file name, queue). */
    public void delivered(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        String recipient = recipient(exchange);
        recent.put(recipient + " " + messageId, Boolean.TRUE);
        RecipientAnswer answer = exchange.getProperty(ForceLinkHeaders.ANSWER, RecipientAnswer.class);
        journey.event(messageId, "delivered", exchange.getFromRouteId(), recipient,
                answer != null ? answer.detail() : "sent");
        if (deliveryLog != null) {
            String canonical = exchange.getProperty(CANONICAL_PROPERTY, String.class);
            deliveryLog.delivered(messageId, recipient, exchange.getIn().getHeader(ForceLinkHeaders.RECORD_TYPE,
                    String.class), exchange.getIn().getHeader(ForceLinkHeaders.SUBSCRIPTION_RULE, String.class),
                    exchange.getIn().getHeader(ForceLinkHeaders.POLICY_VERSION, String.class),
                    canonical != null ? canonical : exchange.getIn().getBody(String.class),
                    exchange.getIn().getHeader(ForceLinkHeaders.REPLAY_JOB, String.class));
        }
    }

    /**
     * Whether the recipient already has this message: the hub sent it, then lost the broker (or was
     * restarted) before the message was taken off the recipient's queue, so the broker delivers it again.
     * Recent deliveries are remembered in memory, which covers a broker that restarts under a running
     * hub (the broker then does not flag the message as redelivered); a message the broker flags as
     * redelivered is also looked up in the delivery log, which covers a hub that restarted. A replay is
     * always sent: sending again is what it is for.
     */
    public boolean alreadyDelivered(Exchange exchange, String recipient) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        if (messageId == null || exchange.getIn().getHeader(ForceLinkHeaders.REPLAY_JOB) != null) {
            return false;
        }
        if (recent.containsKey(recipient + " " + messageId)) {
            return true;
        }
        return deliveryLog != null && Boolean.TRUE.equals(exchange.getIn().getHeader(REDELIVERED, Boolean.class))
                && deliveryLog.lastDelivery(messageId, recipient).isPresent();
    }

    /**
     * After the last retry, or at once for a record that cannot be delivered: records why on the journey,
     * and sets the headers the dead letter carries (the recipient, the cause, a duplicate-detection id).
     */
    public void failed(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        String recipient = recipient(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : cause instanceof UndeliverableException
                ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        exchange.getIn().setHeader(ForceLinkHeaders.RECIPIENT, recipient);
        exchange.getIn().setHeader(ForceLinkHeaders.FAILURE_CAUSE, reason);
        // A replayed record that fails again is a new dead letter, not a duplicate of the first one.
        String replayJob = exchange.getIn().getHeader(ForceLinkHeaders.REPLAY_JOB, String.class);
        exchange.getIn().setHeader(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + messageId
                + (replayJob == null ? "" : ":replay:" + replayJob));
        journey.event(messageId, "failed", exchange.getFromRouteId(), recipient,
                "dead-lettered to dlq." + recipient + ": " + reason);
        log.warn("delivery of {} to {} failed and was dead-lettered: {}", messageId, recipient,
                cause == null ? "unknown" : cause.getClass().getSimpleName());
    }

    /** The recipient of an outbound route: its exchange property (which survives a restored original message). */
    private static String recipient(Exchange exchange) {
        String recipient = exchange.getProperty(ForceLinkHeaders.RECIPIENT, String.class);
        return recipient != null ? recipient : exchange.getIn().getHeader(ForceLinkHeaders.RECIPIENT, String.class);
    }
}
