package org.forcelink.tracking;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
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

    /**
     * Applies the latest step per (record, recipient) of one batch, inside the batch's transaction. A
     * record routed to a recipient has no row yet, so its row is inserted first; any other step most often
     * finds its row, so it is updated first. Whichever comes second runs only where the first did not take,
     * and a row another instance inserted first is still overwritten only by a later step.
     */
    static void apply(JdbcTemplate jdbc, Collection<JourneyRecorder.EventRow> latest) {
        if (latest.isEmpty()) {
            return;
        }
        List<JourneyRecorder.EventRow> firstSteps = new ArrayList<>();
        List<JourneyRecorder.EventRow> laterSteps = new ArrayList<>();
        for (JourneyRecorder.EventRow event : latest) {
            (of(event.type()).equals("PENDING") ? firstSteps : laterSteps).add(event);
        }
        List<JourneyRecorder.EventRow> updateAfter = new ArrayList<>(insertUnlessPresent(jdbc, firstSteps));
        List<JourneyRecorder.EventRow> missing = updateWhereNotLater(jdbc, laterSteps);
        updateAfter.addAll(insertUnlessPresent(jdbc, missing));
        updateWhereNotLater(jdbc, updateAfter);
    }

    /** Inserts each event's row unless one is there; returns the events whose row was there. */
    private static List<JourneyRecorder.EventRow> insertUnlessPresent(JdbcTemplate jdbc,
            List<JourneyRecorder.EventRow> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int[] inserted = jdbc.batchUpdate("insert into delivery_state (message_id, recipient, status, at)"
                + " values (?, ?, ?, ?) on conflict do nothing", events.stream().map(event -> new Object[] {
                        event.messageId(), event.recipient(), of(event.type()), Timestamp.from(event.at())}).toList());
        // A driver may answer a batch without counts (SUCCESS_NO_INFO): such a row is updated as well.
        return rowsWhere(events, inserted, count -> count != 1);
    }

    /** Updates each event's row unless it holds a later step; returns the events that found no row. */
    private static List<JourneyRecorder.EventRow> updateWhereNotLater(JdbcTemplate jdbc,
            List<JourneyRecorder.EventRow> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int[] updated = jdbc.batchUpdate(UPDATE, events.stream().map(DeliveryStates::update).toList());
        return rowsWhere(events, updated, count -> count == 0);
    }

    private static List<JourneyRecorder.EventRow> rowsWhere(List<JourneyRecorder.EventRow> events, int[] counts,
            IntPredicate which) {
        List<JourneyRecorder.EventRow> chosen = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (which.test(counts[i])) {
                chosen.add(events.get(i));
            }
        }
        return chosen;
    }

    private static Object[] update(JourneyRecorder.EventRow event) {
        Timestamp at = Timestamp.from(event.at());
        return new Object[] {of(event.type()), at, event.messageId(), event.recipient(), at};
    }
}
