package org.forcelink.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forcelink.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads journeys back from the tracking store. */
public class JourneyQueries {

    private final JdbcTemplate jdbc;

    public JourneyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Journey> find(String messageId) {
        List<Journey> found = jdbc.query("select message_id, force_code, system_id, record_type, source_record_id,"
                + " status, received_at, exceptions from message where message_id = ?", (rs, n) -> new Journey(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), parse(rs.getString(8)), List.of(), List.of(), null),
                messageId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Journey head = found.get(0);
        List<Journey.Event> events = jdbc.query("select at, type, actor, recipient, detail from journey_event"
                + " where message_id = ? order by at, event_id", (rs, n) -> new Journey.Event(rs.getTimestamp(1).toInstant(),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), messageId);
        List<String> lineage = jdbc.query("select coalesce(s.lineage, l.lineage) from message_lineage l"
                + " left join lineage_shape s on s.shape_sha256 = l.shape_sha256 where l.message_id = ?",
                (rs, n) -> rs.getString(1), messageId);
        return Optional.of(new Journey(head.messageId(), head.force(), head.system(), head.recordType(),
                head.sourceRecordId(), head.status(), head.receivedAt(), head.exceptions(), deliveries(events), events,
                parse(lineage.isEmpty() ? null : lineage.get(0))));
    }

    /**
     * The force that sent a record, from its message row or, while the journey writer has not yet
     * written that, from quarantine.
     */
    public Optional<String> forceOf(String messageId) {
        List<String> forces = jdbc.queryForList("select force_code from message where message_id = ?"
                + " union all select force_code from quarantine where message_id = ?", String.class, messageId,
                messageId);
        return forces.stream().findFirst();
    }

    /** Per recipient the latest outcome among its events; routed but no outcome yet is PENDING. */
    static List<Journey.Delivery> deliveries(List<Journey.Event> events) {
        Map<String, Journey.Delivery> byRecipient = new LinkedHashMap<>();
        for (Journey.Event event : events) {
            if (event.recipient() == null) {
                continue;
            }
            String status = switch (event.type()) {
                case "routed", "replayed" -> "PENDING";
                case "delivered" -> "DELIVERED";
                case "failed" -> "FAILED";
                case "held" -> "HELD";
                default -> null;
            };
            if (status != null) {
                String reason = status.equals("FAILED") || status.equals("HELD") ? event.detail() : null;
                byRecipient.put(event.recipient(), new Journey.Delivery(event.recipient(), status, event.at(), reason));
            }
        }
        return new ArrayList<>(byRecipient.values());
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return CanonicalJson.mapper().createArrayNode();
        }
        try {
            return CanonicalJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored exceptions or lineage are not JSON", e);
        }
    }
}
