package org.forcelink.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps rejected input exactly as received, with the reason, so it can be repaired and resubmitted.
 * A resubmission is claimed before it is made, so two operators cannot resubmit the same input twice.
 */
public class QuarantineStore {

    /**
     * Quarantined input. {@code payload} is null in listings and once purged; {@code resubmittedAs} names
     * the record the input became when an operator resubmitted it.
     */
    public record Entry(String messageId, String force, String system, Instant receivedAt, String contentType,
            String reason, long size, String resubmittedAs, Instant resubmittedAt, String resubmittedBy,
            Instant purgedAt, byte[] payload) {}

    /** A page of quarantined input, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<Entry> items, String nextCursor) {}

    private static final String COLUMNS = "message_id, force_code, system_id, received_at, content_type, reason,"
            + " coalesce(octet_length(payload), 0), resubmitted_as, resubmitted_at, resubmitted_by, purged_at";

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

    /** One quarantined input with its payload. */
    public Optional<Entry> find(String messageId) {
        return jdbc.query("select " + COLUMNS + ", payload from quarantine where message_id = ?",
                (rs, n) -> entry(rs, rs.getBytes(12)), messageId).stream().findFirst();
    }

    /**
     * Quarantined input newest first, optionally of one force and system, still waiting ({@code
     * resubmitted = false}) or already resubmitted, in a time window, after a cursor.
     */
    public Page list(String force, String system, Boolean resubmitted, Instant from, Instant to, int limit,
            SearchCriteria.Cursor after) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from quarantine where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (force != null) {
            sql.append(" and force_code = ?");
            args.add(force);
        }
        if (system != null) {
            sql.append(" and system_id = ?");
            args.add(system);
        }
        if (resubmitted != null) {
            sql.append(resubmitted ? " and resubmitted_as is not null" : " and resubmitted_as is null");
        }
        if (from != null) {
            sql.append(" and received_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and received_at < ?");
            args.add(Timestamp.from(to));
        }
        if (after != null) {
            Timestamp at = Timestamp.from(after.receivedAt());
            sql.append(" and (received_at < ? or (received_at = ? and message_id < ?))");
            args.add(at);
            args.add(at);
            args.add(after.messageId());
        }
        sql.append(" order by received_at desc, message_id desc limit ?");
        args.add(limit + 1);
        List<Entry> rows = jdbc.query(sql.toString(), (rs, n) -> entry(rs, null), args.toArray());
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Entry last = rows.get(rows.size() - 1);
            next = new SearchCriteria.Cursor(last.receivedAt(), last.messageId()).encode();
        }
        return new Page(rows, next);
    }

    /** Claims the input for resubmission; false when someone else resubmitted or is resubmitting it. */
    public boolean claimResubmission(String messageId, String actor, Instant at) {
        return jdbc.update("update quarantine set resubmitted_by = ?, resubmitted_at = ? where message_id = ?"
                + " and resubmitted_at is null", actor, Timestamp.from(at), messageId) == 1;
    }

    /** Links the input to the record it became. */
    public void resubmitted(String messageId, String newMessageId) {
        jdbc.update("update quarantine set resubmitted_as = ? where message_id = ?", newMessageId, messageId);
    }

    /** Gives a claim up when the resubmission could not be made durable, so it can be tried again. */
    public void releaseResubmission(String messageId) {
        jdbc.update("update quarantine set resubmitted_by = null, resubmitted_at = null where message_id = ?"
                + " and resubmitted_as is null", messageId);
    }

    private static Entry entry(ResultSet rs, byte[] payload) throws SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), instant(rs.getTimestamp(9)),
                rs.getString(10), instant(rs.getTimestamp(11)), payload);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
