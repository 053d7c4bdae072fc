package org.forcelink.delivery;

import org.apache.camel.Exchange;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.tracking.JourneyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records the outcome of a delivery on the record's journey; called by each outbound route. */
public class DeliveryTracker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);

    private final JourneyRecorder journey;

    public DeliveryTracker(JourneyRecorder journey) {
        this.journey = journey;
    }

    /** The recipient took the record: the journey says how (HTTP status, ACK reference, file name, queue). */
    public void delivered(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        RecipientAnswer answer = exchange.getProperty(ForceLinkHeaders.ANSWER, RecipientAnswer.class);
        journey.event(messageId, "delivered", exchange.getFromRouteId(), recipient(exchange),
                answer != null ? answer.detail() : "sent");
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
        exchange.getIn().setHeader(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + messageId);
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
