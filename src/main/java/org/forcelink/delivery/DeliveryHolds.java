package org.forcelink.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records held for one recipient, in the tracking store: at most one per source record and recipient,
 * so that the next corrected version finds and releases it.
 */
public class DeliveryHolds {

    /** A held record: who it is held for, which version, and why. */
    public record Hold(String recipient, RecordIdentity record, String reason, Instant heldAt) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public DeliveryHolds(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public Optional<Hold> find(String recipient, RecordIdentity record) {
        List<Hold> found = jdbc.query("select source_version, message_id, reason, held_at from delivery_hold"
                        + " where recipient = ? and force_code = ? and system_id = ? and source_record_id = ?",
                (rs, n) -> new Hold(recipient, new RecordIdentity(rs.getString(2), record.force(), record.system(),
                        record.sourceRecordId(), (Integer) rs.getObject(1)), rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                recipient, record.force(), record.system(), record.sourceRecordId());
        return found.stream().findFirst();
    }

    /** Holds {@code record} for {@code recipient}, in place of any earlier hold of the same source record. */
    public void hold(String recipient, RecordIdentity record, String reason, Instant at) {
        transactions.executeWithoutResult(status -> {
            delete(recipient, record);
            jdbc.update("insert into delivery_hold (recipient, force_code, system_id, source_record_id, source_version,"
                            + " message_id, reason, held_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    recipient, record.force(), record.system(), record.sourceRecordId(), record.sourceVersion(),
                    record.messageId(), reason, Timestamp.from(at));
        });
    }

    /**
     * Removes and returns the hold that {@code correction} corrects, if there is one. A record without a
     * source version corrects nothing ({@link RecordIdentity#corrects}), so it is answered without a query
     * (one per delivery otherwise) for systems that send no versions.
     */
    public Optional<Hold> releaseCorrected(String recipient, RecordIdentity correction) {
        if (correction.sourceVersion() == null) {
            return Optional.empty();
        }
        Optional<Hold> held = find(recipient, correction).filter(hold -> correction.corrects(hold.record()));
        held.ifPresent(hold -> jdbc.update("delete from delivery_hold where recipient = ? and force_code = ?"
                        + " and system_id = ? and source_record_id = ? and message_id = ?", recipient,
                correction.force(), correction.system(), correction.sourceRecordId(), hold.record().messageId()));
        return held;
    }

    private void delete(String recipient, RecordIdentity record) {
        jdbc.update("delete from delivery_hold where recipient = ? and force_code = ? and system_id = ?"
                + " and source_record_id = ?", recipient, record.force(), record.system(), record.sourceRecordId());
    }
}
