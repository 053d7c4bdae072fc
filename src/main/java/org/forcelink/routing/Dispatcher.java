package org.forcelink.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.RecordType;
import org.forcelink.tracking.JourneyRecorder;

/**
 * Decides which recipients get a record (record type, then each subscription's filter) and marks it for
 * their filtered queues; called by the {@code canonical-dispatch} route. The broker then copies the one
 * published message to each queue.
 */
public class Dispatcher {

    private final Subscriptions subscriptions;
    private final JourneyRecorder journey;

    public Dispatcher(Subscriptions subscriptions, JourneyRecorder journey) {
        this.subscriptions = subscriptions;
        this.journey = journey;
    }

    /** Sets the recipients header (",a,b,") and the duplicate-detection id; records a routed event each. */
    public void route(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getIn();
        String messageId = in.getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("a record on the ingest queue has no " + ForceLinkHeaders.MESSAGE_ID);
        }
        RecordType type = RecordType.fromJson(in.getHeader(ForceLinkHeaders.RECORD_TYPE, String.class))
                .orElseThrow(() -> new IllegalArgumentException("message " + messageId + " has no known record type"));
        JsonNode record = CanonicalJson.mapper().readTree(in.getBody(String.class));
        List<Recipient> recipients = subscriptions.matching(type, record);
        in.setHeader(ForceLinkHeaders.RECIPIENTS, recipients.isEmpty() ? ""
                : recipients.stream().map(Recipient::id).collect(Collectors.joining(",", ",", ",")));
        in.setHeader(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);
        if (recipients.isEmpty()) {
            journey.event(messageId, "routed", "canonical-dispatch", null, "no recipient is entitled to this "
                    + type.jsonName() + " record");
        }
        for (Recipient recipient : recipients) {
            journey.event(messageId, "routed", "canonical-dispatch", recipient.id(),
                    "subscription " + recipient.id() + ": " + recipient.entitlement(type));
        }
        untransferred(record, recipients).ifPresent(force -> journey.event(messageId, "routed", "canonical-dispatch",
                null, "custody transfer to " + force + ": no subscription delivers to that force's systems"));
    }

    /** A custody transfer to a force that no subscription serves, so that it shows rather than vanishes. */
    private static Optional<String> untransferred(JsonNode record, List<Recipient> recipients) {
        JsonNode toForce = record.at("/custody/transfer/toForce");
        if (!toForce.isTextual() || toForce.asText().isBlank()) {
            return Optional.empty();
        }
        boolean served = recipients.stream()
                .anyMatch(r -> r.transfer() != null && r.transfer().force().equals(toForce.asText()));
        return served ? Optional.empty() : Optional.of(toForce.asText());
    }
}
