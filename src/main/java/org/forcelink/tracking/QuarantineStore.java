package org.forcelink.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keeps rejected input exactly as received, with the reason, so it can be repaired and resubmitted. */
public class QuarantineStore {

    private final JdbcTemplate jdbc;

    public QuarantineStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void keep(String messageId, String force, String system, Instant receivedAt, String contentType,
            String reason, byte[] payload) {
        jdbc.update("insert into quarantine (message_id, force_code, system_id, received_at, content_type, reason,"
                + " payload) values (?, ?, ?, ?, ?, ?, ?)", messageId, force, system, Timestamp.from(receivedAt),
                contentType, reason, payload);
    }

    public int count(String force) {
        Integer n = jdbc.queryForObject("select count(*) from quarantine where force_code = ?", Integer.class, force);
        return n == null ? 0 : n;
    }
}
