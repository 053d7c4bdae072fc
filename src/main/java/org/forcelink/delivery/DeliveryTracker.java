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

    public void delivered(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        String recipient = exchange.getIn().getHeader(ForceLinkHeaders.RECIPIENT, String.class);
        String file = exchange.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        journey.event(messageId, "delivered", exchange.getFromRouteId(), recipient,
                file != null ? "written as " + java.nio.file.Path.of(file).getFileName() : "sent");
    }

    /** After the last retry: records why, and sets the cause header the dead letter carries. */
    public void failed(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        String recipient = exchange.getIn().getHeader(ForceLinkHeaders.RECIPIENT, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        exchange.getIn().setHeader(ForceLinkHeaders.FAILURE_CAUSE, reason);
        exchange.getIn().setHeader(ForceLinkHeaders.DUPLICATE_ID, "dlq:" + recipient + ":" + messageId);
        journey.event(messageId, "failed", exchange.getFromRouteId(), recipient,
                "dead-lettered to dlq." + recipient + " after the last retry: " + reason);
        log.warn("delivery of {} to {} failed after the last retry: {}", messageId, recipient,
                cause == null ? "unknown" : cause.getClass().getSimpleName());
    }
}
