package org.forcelink.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.forcelink.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Finds records by business key, force, type, status, recipient and time, newest first, a page at a
 * time. Each filter is served by an index ending in (received_at, message_id), so a page costs the same
 * at a million records as at a thousand; see docs/benchmarks.md.
 */
public class JourneySearch {

    /** One record found: what it is, where it stands with each recipient, and the keys it carries. */
    public record Hit(String messageId, String force, String system, String recordType, String sourceRecordId,
            String status, Instant receivedAt, Map<String, String> deliveries, Map<String, List<String>> keys) {}

    /** A page of hits; {@code nextCursor} is null on the last page. */
    public record Page(List<Hit> items, String nextCursor) {}

    private final JdbcTemplate jdbc;

    public JourneySearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Searches within what the caller may see: a force or a force-scoped operator sees its own force only. */
    public Page search(SearchCriteria criteria, Caller caller) {
        if (!caller.seesAllForces()) {
            if (criteria.force() != null && !criteria.force().equals(caller.forceScope())) {
                return new Page(List.of(), null);
            }
            criteria = criteria.withForce(caller.forceScope());
        }
        return search(criteria);
    }

    public Page search(SearchCriteria criteria) {
        StringBuilder sql = new StringBuilder("select m.message_id, m.force_code, m.system_id, m.record_type,"
                + " m.source_record_id, m.status, m.received_at from message m where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (criteria.key() != null) {
            sql.append(" and m.message_id in (select k.message_id from business_key k where k.key_value = ?)");
            args.add(criteria.key());
        }
        if (criteria.force() != null) {
            sql.append(" and m.force_code = ?");
            args.add(criteria.force());
        }
        if (criteria.type() != null) {
            sql.append(" and m.record_type = ?");
            args.add(criteria.type());
        }
        if (criteria.status() != null && SearchCriteria.ACK_STATUSES.contains(criteria.status())) {
            sql.append(" and m.status = ?");
            args.add(criteria.status());
        }
        if (criteria.status() != null && DeliveryStates.STATES.contains(criteria.status())) {
            sql.append(" and m.message_id in (select d.message_id from delivery_state d where d.status = ?");
            args.add(criteria.status());
            if (criteria.recipient() != null) {
                sql.append(" and d.recipient = ?");
                args.add(criteria.recipient());
            }
            sql.append(")");
        } else if (criteria.recipient() != null) {
            sql.append(" and m.message_id in (select d.message_id from delivery_state d where d.recipient = ?)");
            args.add(criteria.recipient());
        }
        if (criteria.from() != null) {
            sql.append(" and m.received_at >= ?");
            args.add(Timestamp.from(criteria.from()));
        }
        if (criteria.to() != null) {
            sql.append(" and m.received_at < ?");
            args.add(Timestamp.from(criteria.to()));
        }
        if (criteria.after() != null) {
            Timestamp at = Timestamp.from(criteria.after().receivedAt());
            sql.append(" and (m.received_at < ? or (m.received_at = ? and m.message_id < ?))");
            args.add(at);
            args.add(at);
            args.add(criteria.after().messageId());
        }
        sql.append(" order by m.received_at desc, m.message_id desc limit ?");
        args.add(criteria.limit() + 1);
        List<Hit> rows = jdbc.query(sql.toString(), (rs, n) -> new Hit(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                Map.of(), Map.of()), args.toArray());
        String next = null;
        if (rows.size() > criteria.limit()) {
            rows = rows.subList(0, criteria.limit());
            Hit last = rows.get(rows.size() - 1);
            next = new SearchCriteria.Cursor(last.receivedAt(), last.messageId()).encode();
        }
        return new Page(withDetails(rows), next);
    }

    /** Adds each hit's business keys and delivery states, two queries for the whole page. */
    private List<Hit> withDetails(List<Hit> hits) {
        if (hits.isEmpty()) {
            return List.of();
        }
        String ids = String.join(",", Collections.nCopies(hits.size(), "?"));
        Object[] args = hits.stream().map(Hit::messageId).toArray();
        Map<String, Map<String, List<String>>> keys = new LinkedHashMap<>();
        jdbc.query("select message_id, key_type, key_value from business_key where message_id in (" + ids + ")"
                + " order by message_id, key_type, key_value", (RowCallbackHandler) rs -> {
                    keys.computeIfAbsent(rs.getString(1), id -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2), type -> new ArrayList<>()).add(rs.getString(3));
                }, args);
        Map<String, Map<String, String>> states = new LinkedHashMap<>();
        jdbc.query("select message_id, recipient, status from delivery_state where message_id in (" + ids + ")"
                + " order by message_id, recipient", (RowCallbackHandler) rs -> {
                    states.computeIfAbsent(rs.getString(1), id -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }, args);
        return hits.stream().map(h -> new Hit(h.messageId(), h.force(), h.system(), h.recordType(), h.sourceRecordId(),
                h.status(), h.receivedAt(), states.getOrDefault(h.messageId(), Map.of()),
                keys.getOrDefault(h.messageId(), Map.of()))).toList();
    }
}
