package org.forcelink.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.forcelink.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;

/** Replay jobs and their items in the tracking store, shared by every hub instance. */
public class ReplayJobs {

    /** Where a job stands. */
    public enum Status { PLANNED, AWAITING_APPROVAL, APPROVED, RUNNING, INTERRUPTED, COMPLETED, CANCELLED }

    /** What a dry run decided for one record and recipient. */
    public enum Action { SEND, SKIP, ERROR }

    /** How many records the job planned, would send, would skip, could not replay; and how far it got. */
    public record Counts(int planned, int toSend, int toSkip, int errors, int sent, int skipped, int failed) {}

    /** A replay job: who asked, why, what for, its approval and its progress. */
    public record Job(String id, Instant createdAt, String requestedBy, String reason, String forceScope,
            String source, String recipient, JsonNode criteria, boolean remap, Status status, Counts counts,
            boolean truncated, boolean approvalRequired, String approvedBy, Instant approvedAt, String startedBy,
            Instant startedAt, Instant finishedAt) {}

    /** The last delivery of a record to the recipient: when, and the hash of what was sent. */
    public record Delivered(Instant at, String sha256) {}

    /**
     * One record for one recipient: what the dry run decided and why, what was delivered last against what
     * would be sent now (hashes, and the changed fields), and what the run did.
     */
    public record Item(int seq, String messageId, String recipient, Action action, String status,
            Delivered delivered, String nowSha256, String detail, List<JsonDiff.Change> changes, Instant doneAt) {}

    private static final String JOB_COLUMNS = "job_id, created_at, requested_by, reason, force_scope, source,"
            + " recipient, criteria, remap, status, planned, to_send, to_skip, errors, sent, skipped, failed,"
            + " truncated, approval_required, approved_by, approved_at, started_by, started_at, finished_at";
    private static final String ITEM_COLUMNS = "seq, message_id, recipient, action, status, delivered_at,"
            + " delivered_sha256, now_sha256, detail, changes, done_at";

    private final JdbcTemplate jdbc;

    public ReplayJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void create(Job job, List<Item> items) {
        Counts c = job.counts();
        jdbc.update("insert into replay_job (" + JOB_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?)", job.id(), Timestamp.from(job.createdAt()), job.requestedBy(),
                job.reason(), job.forceScope(), job.source(), job.recipient(), write(job.criteria()), job.remap(),
                job.status().name(), c.planned(), c.toSend(), c.toSkip(), c.errors(), 0, 0, 0, job.truncated(),
                job.approvalRequired(), null, null, null, null, null);
        List<Object[]> rows = new ArrayList<>();
        for (Item item : items) {
            rows.add(new Object[] {job.id(), item.seq(), item.messageId(), item.recipient(), item.action().name(),
                    item.status(), item.delivered() == null ? null : Timestamp.from(item.delivered().at()),
                    item.delivered() == null ? null : item.delivered().sha256(), item.nowSha256(),
                    cut(item.detail(), 500), item.changes() == null ? null : write(item.changes())});
        }
        jdbc.batchUpdate("insert into replay_item (job_id, seq, message_id, recipient, action, status, delivered_at,"
                + " delivered_sha256, now_sha256, detail, changes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    public Optional<Job> find(String id) {
        return jdbc.query("select " + JOB_COLUMNS + " from replay_job where job_id = ?", (rs, n) -> job(rs), id)
                .stream().findFirst();
    }

    /** Jobs newest first, of one force scope when {@code force} is set. */
    public List<Job> list(String force, int limit) {
        return force == null
                ? jdbc.query("select " + JOB_COLUMNS + " from replay_job order by created_at desc, job_id desc limit ?",
                        (rs, n) -> job(rs), limit)
                : jdbc.query("select " + JOB_COLUMNS + " from replay_job where force_scope = ?"
                        + " order by created_at desc, job_id desc limit ?", (rs, n) -> job(rs), force, limit);
    }

    /** Items in plan order from {@code afterSeq} on. */
    public List<Item> items(String jobId, int afterSeq, int limit) {
        return jdbc.query("select " + ITEM_COLUMNS + " from replay_item where job_id = ? and seq > ? order by seq"
                + " limit ?", (rs, n) -> item(rs), jobId, afterSeq, limit);
    }

    /** Items the run has not done yet, in plan order. */
    public List<Item> pendingItems(String jobId, int limit) {
        return jdbc.query("select " + ITEM_COLUMNS + " from replay_item where job_id = ? and status = 'PLANNED'"
                + " order by seq limit ?", (rs, n) -> item(rs), jobId, limit);
    }

    /** Moves the job from one of {@code from} to {@code to}; false when it was in none of them. */
    public boolean transition(String jobId, List<Status> from, Status to) {
        String states = String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList());
        return jdbc.update("update replay_job set status = ? where job_id = ? and status in (" + states + ")",
                to.name(), jobId) == 1;
    }

    public boolean approve(String jobId, String approver, Instant at) {
        return jdbc.update("update replay_job set status = ?, approved_by = ?, approved_at = ? where job_id = ?"
                + " and status = ?", Status.APPROVED.name(), approver, Timestamp.from(at), jobId,
                Status.AWAITING_APPROVAL.name()) == 1;
    }

    public boolean start(String jobId, String starter, Instant at) {
        return jdbc.update("update replay_job set status = ?, started_by = coalesce(started_by, ?),"
                + " started_at = coalesce(started_at, ?) where job_id = ? and status in (?, ?, ?)",
                Status.RUNNING.name(), starter, Timestamp.from(at), jobId, Status.PLANNED.name(),
                Status.APPROVED.name(), Status.INTERRUPTED.name()) == 1;
    }

    /** Records what the run did with one item and counts it; one transaction per item is not needed. */
    public void done(String jobId, int seq, String status, String detail, Instant at) {
        jdbc.update("update replay_item set status = ?, detail = ?, done_at = ? where job_id = ? and seq = ?",
                status, cut(detail, 500), Timestamp.from(at), jobId, seq);
        String counter = switch (status) {
            case "SENT" -> "sent";
            case "SKIPPED" -> "skipped";
            default -> "failed";
        };
        jdbc.update("update replay_job set " + counter + " = " + counter + " + 1 where job_id = ?", jobId);
    }

    public void finish(String jobId, Status status, Instant at) {
        jdbc.update("update replay_job set status = ?, finished_at = ? where job_id = ? and status = ?",
                status.name(), Timestamp.from(at), jobId, Status.RUNNING.name());
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), read(rs.getString(8)), rs.getBoolean(9),
                Status.valueOf(rs.getString(10)), new Counts(rs.getInt(11), rs.getInt(12), rs.getInt(13),
                        rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17)), rs.getBoolean(18),
                rs.getBoolean(19), rs.getString(20), instant(rs.getTimestamp(21)), rs.getString(22),
                instant(rs.getTimestamp(23)), instant(rs.getTimestamp(24)));
    }

    private static Item item(ResultSet rs) throws SQLException {
        Timestamp deliveredAt = rs.getTimestamp(6);
        String changes = rs.getString(10);
        List<JsonDiff.Change> parsed = null;
        if (changes != null) {
            try {
                parsed = CanonicalJson.mapper().readValue(changes, new TypeReference<List<JsonDiff.Change>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored replay changes are not JSON", e);
            }
        }
        return new Item(rs.getInt(1), rs.getString(2), rs.getString(3), Action.valueOf(rs.getString(4)),
                rs.getString(5), deliveredAt == null ? null : new Delivered(deliveredAt.toInstant(), rs.getString(7)),
                rs.getString(8), rs.getString(9), parsed, instant(rs.getTimestamp(11)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String write(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return CanonicalJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored replay criteria are not JSON", e);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
