package org.forcelink.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forcelink.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search log in the tracking store (tables subject_search*): each search is written before any force
 * is asked, and what it disclosed is written before the answer leaves the hub, so nothing is disclosed
 * that is not logged. It answers "who searched for, or was shown, subject S".
 */
public class SearchLog {

    static final String STARTED = "STARTED";
    static final String COMPLETED = "COMPLETED";
    static final String ANSWERED = "ANSWERED";
    /** Most searches of one key read before filtering by what the reader may see. */
    static final int SCAN_LIMIT = 1000;

    /** One logged search as the log query returns it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            String searchId, Instant startedAt, Instant completedAt, SearchCaller caller, String purpose,
            String reason, JsonNode subject, String status, int asked, List<ForceRow> forces,
            List<Disclosure> disclosed) {}

    /** A force system asked by a search, and what came of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ForceRow(String force, String system, String outcome, String detail, Integer returned,
            Integer disclosed, Long elapsedMs) {}

    /** A record disclosed by a search. */
    public record Disclosure(String force, String system, String recordType, String sourceRecordId) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public SearchLog(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Logs a search before any force is asked: who, when, purpose, reason, for whom, and its query keys. */
    public void started(SubjectSearch search) {
        String subject = json(search.query());
        transactions.executeWithoutResult(status -> {
            jdbc.update("insert into subject_search (search_id, started_at, caller_kind, caller_id, caller_force, "
                            + "purpose, reason, subject, asked, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    search.searchId(), Timestamp.from(search.startedAt()), search.caller().kind(), search.caller().id(),
                    search.caller().force(), search.purpose().code(), search.reason(), subject, search.targets().size(),
                    STARTED);
            insertKeys(search.searchId(), new LinkedHashSet<>(search.query().keys()), "QUERY");
        });
    }

    /**
     * Logs what a search disclosed, before the answer is returned: each force system's outcome, each record
     * disclosed, and the keys of every person in those records. A failure here fails the search.
     */
    public void completed(SearchAnswer answer) {
        Set<String> queryKeys = new LinkedHashSet<>(answer.subject().keys());
        Set<String> disclosedKeys = new LinkedHashSet<>();
        answer.results().forEach(result -> disclosedKeys.addAll(DisclosedPersons.keys(result.record())));
        disclosedKeys.removeAll(queryKeys);
        List<Object[]> forces = new ArrayList<>();
        answer.answered().forEach(a -> forces.add(new Object[] {answer.searchId(), a.force(), a.system(), ANSWERED,
                null, a.returned(), a.disclosed(), a.elapsedMs()}));
        answer.missing().forEach(m -> forces.add(new Object[] {answer.searchId(), m.force(), m.system(),
                m.reason().name(), truncate(m.detail(), 500), null, null, null}));
        List<Object[]> disclosures = answer.results().stream().map(r -> new Object[] {answer.searchId(), r.force(),
                r.system(), r.recordType(), r.sourceRecordId()}).distinct().toList();
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.update("update subject_search set completed_at = ?, status = ? where search_id = ?",
                    Timestamp.from(clock.instant()), COMPLETED, answer.searchId());
            if (updated != 1) {
                throw new IllegalStateException("search " + answer.searchId() + " was not logged when it started");
            }
            jdbc.batchUpdate("insert into subject_search_force (search_id, force_code, system_id, outcome, detail, "
                    + "returned, disclosed, elapsed_ms) values (?, ?, ?, ?, ?, ?, ?, ?)", forces);
            jdbc.batchUpdate("insert into subject_search_disclosure (search_id, force_code, system_id, record_type, "
                    + "source_record_id) values (?, ?, ?, ?, ?)", disclosures);
            insertKeys(answer.searchId(), disclosedKeys, "DISCLOSED");
        });
    }

    private void insertKeys(String searchId, Set<String> keys, String origin) {
        List<Object[]> rows = keys.stream().map(key -> new Object[] {searchId, truncate(key, 300), origin}).toList();
        jdbc.batchUpdate("insert into subject_search_key (search_id, key_value, origin) values (?, ?, ?)", rows);
    }

    /**
     * The searches that named or disclosed the subject {@code key}, newest first, as {@code reader} may see
     * them: whole when its force made the search; otherwise only when the search disclosed records of its
     * force, and then only those disclosures and its own force's row.
     */
    public List<Entry> find(String key, SearchCaller reader, int limit) {
        List<Entry> entries = jdbc.query("select s.* from subject_search s where s.search_id in "
                        + "(select k.search_id from subject_search_key k where k.key_value = ?) "
                        + "order by s.started_at desc, s.search_id fetch first " + SCAN_LIMIT + " rows only",
                (rs, row) -> entry(rs), key);
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, List<ForceRow>> forces = new LinkedHashMap<>();
        Map<String, List<Disclosure>> disclosed = new LinkedHashMap<>();
        List<String> ids = entries.stream().map(Entry::searchId).toList();
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        jdbc.query("select * from subject_search_force where search_id in (" + in + ") order by force_code, system_id",
                rs -> {
                    forces.computeIfAbsent(rs.getString("search_id"), id -> new ArrayList<>()).add(new ForceRow(
                            rs.getString("force_code"), rs.getString("system_id"), rs.getString("outcome"),
                            rs.getString("detail"), (Integer) rs.getObject("returned", Integer.class),
                            (Integer) rs.getObject("disclosed", Integer.class),
                            (Long) rs.getObject("elapsed_ms", Long.class)));
                }, ids.toArray());
        jdbc.query("select * from subject_search_disclosure where search_id in (" + in + ") "
                        + "order by force_code, system_id, record_type, source_record_id",
                rs -> {
                    disclosed.computeIfAbsent(rs.getString("search_id"), id -> new ArrayList<>()).add(new Disclosure(
                            rs.getString("force_code"), rs.getString("system_id"), rs.getString("record_type"),
                            rs.getString("source_record_id")));
                }, ids.toArray());
        List<Entry> visible = new ArrayList<>();
        for (Entry entry : entries) {
            List<ForceRow> rows = forces.getOrDefault(entry.searchId(), List.of());
            List<Disclosure> shown = disclosed.getOrDefault(entry.searchId(), List.of());
            boolean own = reader.force() != null && reader.force().equals(entry.caller().force());
            if (!own) {
                shown = shown.stream().filter(d -> d.force().equals(reader.force())).toList();
                if (shown.isEmpty()) {
                    continue;
                }
                rows = rows.stream().filter(r -> r.force().equals(reader.force())).toList();
            }
            visible.add(new Entry(entry.searchId(), entry.startedAt(), entry.completedAt(), entry.caller(),
                    entry.purpose(), entry.reason(), entry.subject(), entry.status(), entry.asked(), List.copyOf(rows),
                    List.copyOf(shown)));
            if (visible.size() == limit) {
                break;
            }
        }
        return visible;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        JsonNode subject;
        try {
            subject = CanonicalJson.mapper().readTree(rs.getString("subject"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("subject of search " + rs.getString("search_id") + " is not JSON", e);
        }
        return new Entry(rs.getString("search_id"), rs.getTimestamp("started_at").toInstant(),
                completed == null ? null : completed.toInstant(),
                new SearchCaller(rs.getString("caller_kind"), rs.getString("caller_id"), rs.getString("caller_force")),
                rs.getString("purpose"), rs.getString("reason"), subject, rs.getString("status"), rs.getInt("asked"),
                List.of(), List.of());
    }

    private static String json(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
