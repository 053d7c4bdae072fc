package org.forcelink.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.forcelink.api.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log of consultation (DPA 2018 Part 3 s.62): every view of a payload with who, when, which record
 * and the reason given. A view is written here, synchronously, before the payload is shown, so a payload
 * the hub could not log is a payload nobody saw. Each view also appears as a {@code viewed} step on the
 * record's journey.
 */
public class AccessLog {

    /** Longest reason a caller may give. */
    public static final int MAX_REASON = 500;

    /** What was looked at. */
    public enum Action {
        PAYLOAD("payload"), QUARANTINED_INPUT("quarantined-input"), REPLAY_DIFF("replay-diff");

        private final String code;

        Action(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One view of one record. */
    public record View(Instant at, String actor, String messageId, String action, String reason) {}

    private final JdbcTemplate jdbc;
    private final JourneyRecorder journey;
    private final Clock clock;

    public AccessLog(JdbcTemplate jdbc, JourneyRecorder journey, Clock clock) {
        this.jdbc = jdbc;
        this.journey = journey;
        this.clock = clock;
    }

    /** The reason as given, or a 400 when it is missing, blank or too long: no reason, no view. */
    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("reason-required", "viewing a payload needs a reason (the 'reason' query"
                    + " parameter): the access log records who looked at which record and why");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiProblem.badRequest("reason-required", "the reason may be at most " + MAX_REASON + " characters");
        }
        return reason.trim();
    }

    /** Logs one view; throws (and the payload must not be shown) when it cannot be logged. */
    public void viewed(String actor, String messageId, String force, Action action, String reason) {
        Instant at = clock.instant();
        jdbc.update("insert into access_log (at, actor, message_id, force_code, action, reason) values (?, ?, ?, ?, ?, ?)",
                Timestamp.from(at), actor, messageId, force, action.code(), requireReason(reason));
        journey.event(messageId, at, "viewed", actor, null, action.code() + " viewed: " + reason.trim());
    }

    /** Who viewed a record, oldest first. */
    public List<View> views(String messageId) {
        return jdbc.query("select at, actor, message_id, action, reason from access_log where message_id = ?"
                + " order by at, access_id", (rs, n) -> new View(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)), messageId);
    }

    /** What an operator viewed in a time window, newest first. */
    public List<View> viewsBy(String actor, Instant from, Instant to, int limit) {
        return jdbc.query("select at, actor, message_id, action, reason from access_log where actor = ?"
                + " and at >= ? and at < ? order by at desc, access_id desc limit ?", (rs, n) -> new View(
                        rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), actor, Timestamp.from(from), Timestamp.from(to), limit);
    }
}
