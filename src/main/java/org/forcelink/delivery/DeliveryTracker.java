package org.forcelink.delivery;

import java.nio.file.Path;
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
     * Exchange property an outbound route sets to the canonical record before minimising or mapping it,
     * so the delivery log holds the canonical record the delivery was made from; without it the body at
     * delivery time is taken, which is the canonical record for routes that send it as it is.
     */
    public static final String CANONICAL_PROPERTY = "forcelinkCanonical";

    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

    private final JourneyRecorder journey;
    private final DeliveryLog deliveryLog;

    public DeliveryTracker(JourneyRecorder journey, DeliveryLog deliveryLog) {
        this.journey = journey;
        this.deliveryLog = deliveryLog;
    }

    /** A tracker that records journey events only (route tests without a database). */
    public DeliveryTracker(JourneyRecorder journey) {
        this(journey, null);
    }

    public void delivered(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        String recipient = exchange.getIn().getHeader(ForceLinkHeaders.RECIPIENT, String.class);
        String file = exchange.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        journey.event(messageId, "delivered", exchange.getFromRouteId(), recipient,
                file != null ? "written as " + Path.of(file).getFileName() : "sent");
        if (deliveryLog != null) {
            String canonical = exchange.getProperty(CANONICAL_PROPERTY, String.class);
            deliveryLog.delivered(messageId, recipient, exchange.getIn().getHeader(ForceLinkHeaders.RECORD_TYPE,
                    String.class), exchange.getIn().getHeader(ForceLinkHeaders.SUBSCRIPTION_RULE, String.class),
                    exchange.getIn().getHeader(ForceLinkHeaders.POLICY_VERSION, String.class),
                    canonical != null ? canonical : exchange.getIn().getBody(String.class),
                    exchange.getIn().getHeader(ForceLinkHeaders.REPLAY_JOB, String.class));
        }
    }

    /** After the last retry: records why, and sets the cause header the dead letter carries. */
    public void failed(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        String recipient = exchange.getIn().getHeader(ForceLinkHeaders.RECIPIENT, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        exchange.getIn().setHeader(ForceLinkHeaders.FAILURE_CAUSE, reason);
        // A replayed record that fails again is a new dead letter, not a duplicate of the first one.
        String replayJob = exchange.getIn().getHeader(ForceLinkHeaders.REPLAY_JOB, String.class);
        exchange.getIn().setHeader(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + messageId
                + (replayJob == null ? "" : ":replay:" + replayJob));
        journey.event(messageId, "failed", exchange.getFromRouteId(), recipient,
                "dead-lettered to dlq." + recipient + " after the last retry: " + reason);
        log.warn("delivery of {} to {} failed after the last retry: {}", messageId, recipient,
                cause == null ? "unknown" : cause.getClass().getSimpleName());
    }
}
