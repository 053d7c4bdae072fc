package org.forcelink.routing;

import java.util.Set;
import org.forcelink.canonical.RecordType;

/** A recipient as declared in {@code config/subscriptions.yaml}: what it receives and how. */
public record Recipient(String id, String description, Set<RecordType> recordTypes, String transport) {

    /** The recipient's durable queue on the canonical multicast address. */
    public String queue() {
        return "deliver." + id;
    }

    /** The recipient's dead-letter queue, for records given up on after the last retry. */
    public String deadLetterQueue() {
        return "dlq." + id;
    }
}
