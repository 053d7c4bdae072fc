package org.forcelink.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotency keys in the tracking database, scoped to force and system, so that every hub instance
 * sharing the database gives a re-sent record the first answer. A key is claimed before the record is
 * forwarded; the first request to claim it wins. The same holds for a source record id and version
 * ({@code source_version}), for records sent without an Idempotency-Key. Both are kept at least 7 days
 * and then purged by the retention job.
 */
public class IdempotencyStore {

    /** A claimed key: the body hash and message id of the first request, and its answer once given. */
    public record Entry(String bodySha256, String messageId, Integer httpStatus, String answer, Instant createdAt) {}

    /** The status of a claim whose request could not make its record durable and answered 503. */
    public static final int GAVE_UP = 503;

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for this request; returns the earlier entry when someone claimed it first. */
    public Optional<Entry> claim(String force, String system, String key, String bodySha256, String messageId) {
        try {
            jdbc.update("insert into idempotency_key (force_code, system_id, idem_key, body_sha256, message_id,"
                    + " created_at) values (?, ?, ?, ?, ?, ?)", force, system, key, bodySha256, messageId,
                    Timestamp.from(Instant.now()));
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return find(force, system, key);
        }
    }

    /** A key to claim for a request, for {@link #claimAll}. */
    public record Claim(String force, String system, String key, String bodySha256, String messageId) {}

    /**
     * Claims many keys, each as {@link #claim} does, in one database transaction; returns, per claim in
     * order, empty when this request claimed the key, or the earlier entry. A key already taken is
     * skipped by the insert rather than refused, since a refused insert spoils the rest of a PostgreSQL
     * transaction; a skipped key is then read back (a key another request took between the two reads as
     * its own message id shows it).
     */
    public List<Optional<Entry>> claimAll(List<Claim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return claims.stream().map(c -> claim(c.force(), c.system(), c.key(), c.bodySha256(), c.messageId()))
                    .toList();
        }
        Timestamp now = Timestamp.from(Instant.now());
        int[] inserted = inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into idempotency_key (force_code,"
                    + " system_id, idem_key, body_sha256, message_id, created_at) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict do nothing")) {
                for (Claim claim : claims) {
                    insert.setString(1, claim.force());
                    insert.setString(2, claim.system());
                    insert.setString(3, claim.key());
                    insert.setString(4, claim.bodySha256());
                    insert.setString(5, claim.messageId());
                    insert.setTimestamp(6, now);
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        List<Optional<Entry>> earlier = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            if (i < inserted.length && inserted[i] == 1) {
                earlier.add(Optional.empty());
                continue;
            }
            // Skipped, or a driver that does not count rows per statement: the key's owner tells.
            Optional<Entry> entry = find(claim.force(), claim.system(), claim.key());
            earlier.add(entry.isEmpty()
                    ? claim(claim.force(), claim.system(), claim.key(), claim.bodySha256(), claim.messageId())
                    : entry.filter(e -> !e.messageId().equals(claim.messageId())));
        }
        return earlier;
    }

    public Optional<Entry> find(String force, String system, String key) {
        List<Entry> rows = jdbc.query("select body_sha256, message_id, http_status, answer, created_at"
                + " from idempotency_key where force_code = ? and system_id = ? and idem_key = ?",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()),
                force, system, key);
        return rows.stream().findFirst();
    }

    public void complete(String force, String system, String key, int httpStatus, String answer) {
        jdbc.update("update idempotency_key set http_status = ?, answer = ? where force_code = ? and system_id = ?"
                + " and idem_key = ?", httpStatus, answer, force, system, key);
    }

    /** An answer to store, for {@link #completeAll}: under an idempotency key or under a source version. */
    public sealed interface Answer permits Completion, VersionCompletion {}

    /** One answer to store under its claimed key. */
    public record Completion(String force, String system, String key, int httpStatus, String answer)
            implements Answer {}

    /** One answer to store under its claimed source record id and version. */
    public record VersionCompletion(String force, String system, String sourceRecordId, int version, int httpStatus,
            String answer) implements Answer {}

    /**
     * Stores many answers, each as {@link #complete} or {@link #completeSourceVersion} does, in one database
     * transaction: the records of a dropped file are answered 500 at a time, and a commit per answer was a
     * quarter of the hub's time on a 100,000-record file. All are stored or, when it throws, none. Inside a
     * caller's transaction the answers are written with it.
     */
    public void completeAll(List<? extends Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        List<Completion> keys = new ArrayList<>();
        List<VersionCompletion> versions = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer instanceof Completion key) {
                keys.add(key);
            } else {
                versions.add((VersionCompletion) answer);
            }
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            keys.forEach(a -> complete(a.force(), a.system(), a.key(), a.httpStatus(), a.answer()));
            versions.forEach(a -> completeSourceVersion(a.force(), a.system(), a.sourceRecordId(), a.version(),
                    a.httpStatus(), a.answer()));
            return;
        }
        inTransaction(connection -> {
            if (!keys.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("update idempotency_key set"
                        + " http_status = ?, answer = ? where force_code = ? and system_id = ? and idem_key = ?")) {
                    for (Completion answer : keys) {
                        update.setInt(1, answer.httpStatus());
                        update.setString(2, answer.answer());
                        update.setString(3, answer.force());
                        update.setString(4, answer.system());
                        update.setString(5, answer.key());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            if (!versions.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("update source_version set"
                        + " http_status = ?, answer = ? where force_code = ? and system_id = ? and source_record_id = ?"
                        + " and source_version = ?")) {
                    for (VersionCompletion answer : versions) {
                        update.setInt(1, answer.httpStatus());
                        update.setString(2, answer.answer());
                        update.setString(3, answer.force());
                        update.setString(4, answer.system());
                        update.setString(5, answer.sourceRecordId());
                        update.setInt(6, answer.version());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            return null;
        });
    }

    /** Work on one connection committed as one transaction: all of it is stored or, when it throws, none. */
    private <T> T inTransaction(ConnectionCallback<T> work) {
        return jdbc.execute((ConnectionCallback<T>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.doInConnection(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    /**
     * Marks the claim as given up after the record could not be made durable (503), so a retry takes it
     * over at once. The claim keeps its message id: the broker may have kept the record after all.
     */
    public void giveUp(String force, String system, String key) {
        jdbc.update("update idempotency_key set http_status = ? where force_code = ? and system_id = ?"
                + " and idem_key = ? and answer is null", GAVE_UP, force, system, key);
    }

    /**
     * Takes over a claim without an answer whose request gave up or is older than {@code staleBefore}
     * (it died), keeping its message id; of several requests trying at once, exactly one wins.
     */
    public boolean takeOver(String force, String system, String key, Instant staleBefore) {
        return jdbc.update("update idempotency_key set http_status = null, created_at = ? where force_code = ?"
                + " and system_id = ? and idem_key = ? and answer is null and (http_status = ? or created_at < ?)",
                Timestamp.from(Instant.now()), force, system, key, GAVE_UP, Timestamp.from(staleBefore)) == 1;
    }

    /** Claims a source record id and version for this request; returns the earlier entry when claimed before. */
    public Optional<Entry> claimSourceVersion(String force, String system, String sourceRecordId, int version,
            String bodySha256, String messageId) {
        try {
            jdbc.update("insert into source_version (force_code, system_id, source_record_id, source_version,"
                    + " body_sha256, message_id, created_at) values (?, ?, ?, ?, ?, ?, ?)", force, system,
                    sourceRecordId, version, bodySha256, messageId, Timestamp.from(Instant.now()));
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return findSourceVersion(force, system, sourceRecordId, version);
        }
    }

    public Optional<Entry> findSourceVersion(String force, String system, String sourceRecordId, int version) {
        List<Entry> rows = jdbc.query("select body_sha256, message_id, http_status, answer, created_at"
                + " from source_version where force_code = ? and system_id = ? and source_record_id = ?"
                + " and source_version = ?",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()),
                force, system, sourceRecordId, version);
        return rows.stream().findFirst();
    }

    public void completeSourceVersion(String force, String system, String sourceRecordId, int version, int httpStatus,
            String answer) {
        jdbc.update("update source_version set http_status = ?, answer = ? where force_code = ? and system_id = ?"
                + " and source_record_id = ? and source_version = ?", httpStatus, answer, force, system, sourceRecordId,
                version);
    }

    public void releaseSourceVersion(String force, String system, String sourceRecordId, int version) {
        jdbc.update("delete from source_version where force_code = ? and system_id = ? and source_record_id = ?"
                + " and source_version = ?", force, system, sourceRecordId, version);
    }
}
