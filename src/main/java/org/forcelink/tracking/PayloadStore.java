package org.forcelink.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads what a record contained: its input as received and the canonical record made of it. */
public class PayloadStore {

    /**
     * A record's payload; {@code raw} and {@code canonicalJson} are null once the retention job purged
     * them ({@code purgedAt} then says when).
     */
    public record Payload(String messageId, String force, String recordType, Instant receivedAt, String contentType,
            byte[] raw, String canonicalJson, String mappingId, String mappingVersion, Instant purgedAt) {}

    private final JdbcTemplate jdbc;

    public PayloadStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Payload> find(String messageId) {
        List<Payload> rows = jdbc.query("select message_id, force_code, record_type, received_at, content_type, raw,"
                + " canonical, mapping_id, mapping_version, purged_at from payload where message_id = ?",
                (rs, n) -> new Payload(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getBytes(6), rs.getString(7),
                        rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()), messageId);
        return rows.stream().findFirst();
    }
}
