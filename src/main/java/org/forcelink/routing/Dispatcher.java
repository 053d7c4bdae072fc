package org.forcelink.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.broker.RecordBatch;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.RecordType;
import org.forcelink.tracking.JourneyRecorder;

/**
 * Decides which recipients get a record (record type, then each subscription's filter) and marks it for
 * their filtered queues; called by the {@code canonical-dispatch} route, which publishes what it returns.
 * The broker then copies each published message to each queue it is for.
 */
public class Dispatcher {

    private final Subscriptions subscriptions;
    private final JourneyRecorder journey;

    public Dispatcher(Subscriptions subscriptions, JourneyRecorder journey) {
        this.subscriptions = subscriptions;
        this.journey = journey;
    }

    /**
     * The messages to publish for the message taken off the ingest queue, each with the recipients header
     * (",a,b,") the recipients' queue filters select on and a duplicate-detection id; records a routed event
     * for each record and recipient. A single record is published as it came. A batch is published as runs
     * of consecutive records with the same recipients, one message each, so every queue receives its
     * records in the order they came; a record no recipient is entitled to is not published.
     */
    public List<Message> route(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getIn();
        if (!RecordBatch.isBatch(in)) {
            String messageId = in.getHeader(ForceLinkHeaders.MESSAGE_ID, String.class);
            in.setHeader(ForceLinkHeaders.RECIPIENTS, recipients(messageId,
                    in.getHeader(ForceLinkHeaders.RECORD_TYPE, String.class), in.getBody(String.class)));
            in.setHeader(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + messageId);
            return List.of(in);
        }
        String batchId = Optional.ofNullable(in.getHeader(ForceLinkHeaders.DUPLICATE_ID, String.class))
                .map(id -> id.startsWith("ingest:") ? id.substring("ingest:".length()) : id)
                .orElseThrow(() -> new IllegalArgumentException("a batch on the ingest queue has no "
                        + ForceLinkHeaders.DUPLICATE_ID));
        String group = in.getHeader(ForceLinkHeaders.GROUP_ID, String.class);
        List<Message> publications = new ArrayList<>();
        List<RecordBatch.Item> run = new ArrayList<>();
        String runRecipients = null;
        for (RecordBatch.Item item : RecordBatch.decode(in.getBody(String.class))) {
            String recipients = recipients(item.headers().get(ForceLinkHeaders.MESSAGE_ID),
                    item.headers().get(ForceLinkHeaders.RECORD_TYPE), item.body());
            if (recipients.isEmpty()) {
                continue;
            }
            if (!recipients.equals(runRecipients) && !run.isEmpty()) {
                publications.add(publication(exchange, run, runRecipients, group, batchId, publications.size()));
                run = new ArrayList<>();
            }
            run.add(item);
            runRecipients = recipients;
        }
        if (!run.isEmpty()) {
            publications.add(publication(exchange, run, runRecipients, group, batchId, publications.size()));
        }
        return publications;
    }

    /**
     * One run of a batch as the message published for it: a batch again, in the batch's group of subjects,
     * or the record alone, with its own headers (its subject's message group among them).
     */
    private static Message publication(Exchange exchange, List<RecordBatch.Item> run, String recipients,
            String group, String batchId, int index) {
        DefaultMessage message = new DefaultMessage(exchange);
        if (run.size() == 1) {
            RecordBatch.Item item = run.get(0);
            message.getHeaders().putAll(item.headers());
            message.setHeader(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + item.headers().get(ForceLinkHeaders.MESSAGE_ID));
            message.setBody(item.body());
        } else {
            message.setHeader(ForceLinkHeaders.RECORDS, run.size());
            message.setHeader(ForceLinkHeaders.GROUP_ID, group);
            message.setHeader(ForceLinkHeaders.DUPLICATE_ID, "canonical:" + batchId + ":" + index);
            message.setBody(RecordBatch.encode(run));
        }
        message.setHeader(ForceLinkHeaders.RECIPIENTS, recipients);
        return message;
    }

    /** The recipients of one record as the header's value; records a routed event for each. */
    private String recipients(String messageId, String recordType, String body) throws JsonProcessingException {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("a record on the ingest queue has no " + ForceLinkHeaders.MESSAGE_ID);
        }
        RecordType type = RecordType.fromJson(recordType)
                .orElseThrow(() -> new IllegalArgumentException("message " + messageId + " has no known record type"));
        JsonNode record = CanonicalJson.mapper().readTree(body);
        List<Recipient> recipients = subscriptions.matching(type, record);
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
        return recipients.isEmpty() ? ""
                : recipients.stream().map(Recipient::id).collect(Collectors.joining(",", ",", ","));
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
