package org.forcelink.routing;

import java.util.List;
import java.util.Set;
import org.forcelink.canonical.RecordType;

/**
 * A recipient as declared in {@code config/subscriptions.yaml}: which records it gets (types and
 * filter), which of their fields (allow-list), which it cannot do without (required), in which format
 * (an outbound mapping under mappings/, or a receiving force's own format for transfers), and how
 * (transport, retry, circuit breaker).
 */
public record Recipient(
        String id,
        String description,
        Set<RecordType> recordTypes,
        RecordFilter filter,
        String filterDescription,
        FieldAllowList allowedFields,
        List<FieldPath> requiredFields,
        String mapping,
        Transfer transfer,
        TransportSettings transport,
        RetryPolicy retry,
        BreakerSettings circuitBreaker) {

    /** A receiving force's system: records go to it in that system's own format. */
    public record Transfer(String force, String system) {}

    /** The recipient's durable queue on the canonical multicast address. */
    public String queue() {
        return "deliver." + id;
    }

    /** The recipient's dead-letter queue, for records given up on after the last retry. */
    public String deadLetterQueue() {
        return "dlq." + id;
    }

    /** What journeys say about why a record went to this recipient. */
    public String entitlement(RecordType type) {
        return filterDescription != null ? filterDescription : type.jsonName() + " records";
    }
}
