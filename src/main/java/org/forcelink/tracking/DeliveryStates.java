package org.forcelink.tracking;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code delivery_state}, where each record stands with each recipient, in step with the journey
 * events: the latest step wins, whichever hub instance writes it and in whichever order they commit.
 */
final class DeliveryStates {

    /** The states search accepts as {@code status}, besides the acknowledgement statuses. */
    static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "FAILED", "HELD");

    private static final String UPDATE = "update delivery_state set status = ?, at = ?"
            + " where message_id = ? and recipient = ? and at <= ?";

    private DeliveryStates() {}

    /** The delivery state a journey event puts its recipient in, or null for other events. */
    static String of(String eventType) {
        return switch (eventType) {
            case "routed", "replayed" -> "PENDING";
            case "delivered" -> "DELIVERED";
            case "failed" -> "FAILED";
            case "held" -> "HELD";
            default -> null;
        };
    }

    /** Applies the latest step per (record, recipient) of one batch, inside the batch's transaction. */
    static void apply(JdbcTemplate jdbc, Collection<JourneyRecorder.EventRow> latest) {
        if (latest.isEmpty()) {
            return;
        }
        List<Object[]> updates = latest.stream().map(DeliveryStates::update).toList();
        int[] updated = jdbc.batchUpdate(UPDATE, updates);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> retries = new ArrayList<>();
        int i = 0;
        for (JourneyRecorder.EventRow event : latest) {
            if (updated[i++] == 0) {
                inserts.add(new Object[] {event.messageId(), event.recipient(), of(event.type()),
                        Timestamp.from(event.at())});
                retries.add(update(event));
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into delivery_state (message_id, recipient, status, at) values (?, ?, ?, ?)"
                    + " on conflict do nothing", inserts);
            // Another instance may have inserted the row first: ours still wins if it is the later step.
            jdbc.batchUpdate(UPDATE, retries);
        }
    }

    private static Object[] update(JourneyRecorder.EventRow event) {
        Timestamp at = Timestamp.from(event.at());
        return new Object[] {of(event.type()), at, event.messageId(), event.recipient(), at};
    }
}
