package org.forcelink.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log of disclosure (DPA 2018 Part 3 s.62): every delivery with its recipient, the subscription rule
 * that entitled the recipient, the policy version in force and the canonical record the delivery was
 * made from. Outbound routes record a delivery through {@link #delivered}; replay reads the last delivery
 * to tell whether a record would now be sent any differently.
 */
public class DeliveryLog {

    /** One delivery to one recipient. {@code content} is null once the payload retention period ended. */
    public record Delivery(String messageId, String recipient, Instant at, String subscriptionRule,
            String policyVersion, String contentSha256, String content, String replayJob) {}

    /** A delivery about a subject, as "who received what about S" answers it. */
    public record Disclosure(String messageId, String force, String recordType, String recipient, Instant at,
            String subscriptionRule, String policyVersion, String contentSha256, String replayJob) {}

    private final JdbcTemplate jdbc;
    private final JourneyRecorder journey;
    private final SubscriptionPolicies policies;
    private final Clock clock;

    public DeliveryLog(JdbcTemplate jdbc, JourneyRecorder journey, SubscriptionPolicies policies, Clock clock) {
        this.jdbc = jdbc;
        this.journey = journey;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Records a delivery, off the hot path like journey events. {@code canonical} is the canonical record
     * the delivery was made from (before any minimisation or outbound mapping); {@code subscriptionRule}
     * and {@code policyVersion} may be null, and then name the recipient's subscription for the record
     * type and the recipient's current policy version; {@code replayJob} is set for replayed deliveries.
     */
    public void delivered(String messageId, String recipient, String recordType, String subscriptionRule,
            String policyVersion, String canonical, String replayJob) {
        String rule = subscriptionRule != null ? subscriptionRule
                : "subscription " + recipient + ": " + (recordType == null ? "all" : recordType) + " records";
        String policy = policyVersion != null ? policyVersion : policies.versionOf(recipient);
        journey.delivery(new JourneyRecorder.DeliveryRow(messageId, recipient, clock.instant(), rule, policy,
                canonical == null ? null : Hashes.sha256(canonical), canonical, replayJob));
    }

    /** The last delivery of a record to a recipient, if it was ever delivered there. */
    public Optional<Delivery> lastDelivery(String messageId, String recipient) {
        return jdbc.query("select message_id, recipient, at, subscription_rule, policy_version, content_sha256,"
                + " content, replay_job from delivery_log where message_id = ? and recipient = ?"
                + " order by at desc, delivery_id desc limit 1", (rs, n) -> delivery(rs), messageId, recipient)
                .stream().findFirst();
    }

    /** Every delivery of a record, oldest first. */
    public List<Delivery> deliveries(String messageId) {
        return jdbc.query("select message_id, recipient, at, subscription_rule, policy_version, content_sha256,"
                + " null, replay_job from delivery_log where message_id = ? order by at, delivery_id",
                (rs, n) -> delivery(rs), messageId);
    }

    /**
     * Who received what about a subject: every delivery of every record carrying the business key, newest
     * first, limited to one source force when {@code force} is set.
     */
    public List<Disclosure> about(String key, String force, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("select d.message_id, m.force_code, m.record_type, d.recipient, d.at,"
                + " d.subscription_rule, d.policy_version, d.content_sha256, d.replay_job from delivery_log d"
                + " join message m on m.message_id = d.message_id"
                + " where d.message_id in (select k.message_id from business_key k where k.key_value = ?)");
        List<Object> args = new ArrayList<>(List.of(key));
        if (force != null) {
            sql.append(" and m.force_code = ?");
            args.add(force);
        }
        if (from != null) {
            sql.append(" and d.at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and d.at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" order by d.at desc, d.delivery_id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Disclosure(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9)), args.toArray());
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
