package org.forcelink.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A record's journey as the API returns it (ARCHITECTURE 3.5), with the lineage of each canonical field
 * ({field, source, rule, mapping}; empty for a rejected record).
 */
public record Journey(String messageId, String force, String system, String recordType, String sourceRecordId,
        String status, Instant receivedAt, JsonNode exceptions, List<Delivery> deliveries, List<Event> events,
        JsonNode lineage) {

    /** Where the record stands with one recipient: PENDING, DELIVERED, FAILED or HELD. */
    public record Delivery(String recipient, String status, Instant at, String reason) {}

    /** One step: received, mapped, exceptions, rejected, routed, delivered, failed, held, replayed, viewed. */
    public record Event(Instant at, String type, String actor, String recipient, String detail) {}
}
