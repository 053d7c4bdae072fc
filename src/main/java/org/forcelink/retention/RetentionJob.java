package org.forcelink.retention;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forcelink.canonical.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Purges what the tracking store may no longer keep: payloads (input, canonical record, delivered
 * content, replay diffs) after their record type's period, whole journeys with their access and delivery
 * logs after the longer journey period, idempotency keys after theirs. Runs on a schedule, on one hub
 * instance at a time (a lock row), in chunks so it never holds long locks; each run leaves a row in
 * {@code retention_run}, and each purged payload a {@code purged} step on its journey.
 */
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int CHUNK = 1000;
    private static final Duration LOCK = Duration.ofHours(1);

    /** One run of the job: when, by whom, on which instance, and how much it purged. */
    public record Run(long id, Instant startedAt, Instant finishedAt, String actor, String instance,
            long payloadsPurged, long quarantinePurged, long journeysPurged, long idempotencyPurged, String outcome,
            String detail) {}

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final Clock clock;
    private final String instance;

    public RetentionJob(JdbcTemplate jdbc, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.instance = hostName() + ":" + ProcessHandle.current().pid();
    }

    @Scheduled(cron = "${forcelink.retention.schedule:0 30 2 * * *}", zone = "UTC")
    void scheduled() {
        if (properties.enabled()) {
            run("retention schedule");
        }
    }

    /** Runs the job now; empty when another run (on any instance) holds the lock. */
    public Optional<Run> run(String actor) {
        Instant now = clock.instant();
        if (jdbc.update("update job_lock set holder = ?, locked_until = ? where name = 'retention' and locked_until < ?",
                instance, Timestamp.from(now.plus(LOCK)), Timestamp.from(now)) != 1) {
            log.info("retention run skipped: another run holds the lock");
            return Optional.empty();
        }
        long runId = startRun(now, actor);
        long payloads = 0;
        long quarantined = 0;
        long journeys = 0;
        long idempotency = 0;
        try {
            for (String type : recordTypes()) {
                payloads += purgePayloads(type, now.minus(properties.payloadsOf(type)), runId);
            }
            quarantined = purgeQuarantine(now.minus(properties.payloadsOf(null)), runId);
            journeys = purgeJourneys(now.minus(properties.journeys()));
            Timestamp keys = Timestamp.from(now.minus(properties.idempotency()));
            idempotency = jdbc.update("delete from idempotency_key where created_at < ?", keys)
                    + jdbc.update("delete from source_version where created_at < ?", keys);
            finishRun(runId, payloads, quarantined, journeys, idempotency, "COMPLETED", null);
            log.info("retention run {}: {} payload(s), {} quarantined input(s), {} journey(s), {} idempotency"
                    + " key(s) purged", runId, payloads, quarantined, journeys, idempotency);
        } catch (RuntimeException e) {
            finishRun(runId, payloads, quarantined, journeys, idempotency, "FAILED", e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            log.error("retention run {} failed: {}", runId, e.getMessage());
        } finally {
            jdbc.update("update job_lock set holder = null, locked_until = ? where name = 'retention' and holder = ?",
                    Timestamp.from(clock.instant()), instance);
        }
        return runs(1).stream().filter(r -> r.id() == runId).findFirst();
    }

    /** The latest runs, newest first. */
    public List<Run> runs(int limit) {
        return jdbc.query("select run_id, started_at, finished_at, actor, instance, payloads_purged, quarantine_purged,"
                + " journeys_purged, idempotency_purged, outcome, detail from retention_run"
                + " order by started_at desc, run_id desc limit ?", (rs, n) -> new Run(rs.getLong(1),
                        rs.getTimestamp(2).toInstant(), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getString(10), rs.getString(11)), limit);
    }

    /** Every record type of the canonical model. */
    private Set<String> recordTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (RecordType type : RecordType.values()) {
            types.add(type.jsonName());
        }
        return types;
    }

    private long purgePayloads(String type, Instant cutoff, long runId) {
        long purged = 0;
        String detail = "payload purged: " + type + " payloads are kept " + properties.payloadsOf(type).toDays()
                + " days (retention run " + runId + ")";
        while (true) {
            List<String> ids = jdbc.queryForList("select message_id from payload where record_type = ?"
                    + " and received_at < ? and purged_at is null limit " + CHUNK, String.class, type,
                    Timestamp.from(cutoff));
            if (ids.isEmpty()) {
                return purged;
            }
            Timestamp at = Timestamp.from(clock.instant());
            String in = in(ids);
            jdbc.update("update payload set raw = null, canonical = null, purged_at = ? where message_id in (" + in + ")",
                    args(at, ids));
            jdbc.update("update delivery_log set content = null where message_id in (" + in + ")", ids.toArray());
            jdbc.update("update replay_item set changes = null where message_id in (" + in + ")", ids.toArray());
            purgedEvents(ids, at, detail);
            purged += ids.size();
        }
    }

    private long purgeQuarantine(Instant cutoff, long runId) {
        long purged = 0;
        String detail = "quarantined input purged: kept " + properties.payloadsOf(null).toDays() + " days (retention run "
                + runId + ")";
        while (true) {
            List<String> ids = jdbc.queryForList("select message_id from quarantine where received_at < ?"
                    + " and purged_at is null limit " + CHUNK, String.class, Timestamp.from(cutoff));
            if (ids.isEmpty()) {
                return purged;
            }
            Timestamp at = Timestamp.from(clock.instant());
            jdbc.update("update quarantine set payload = null, purged_at = ? where message_id in (" + in(ids) + ")",
                    args(at, ids));
            purgedEvents(ids, at, detail);
            purged += ids.size();
        }
    }

    private long purgeJourneys(Instant cutoff) {
        long purged = 0;
        while (true) {
            List<String> ids = jdbc.queryForList("select message_id from message where received_at < ? limit " + CHUNK,
                    String.class, Timestamp.from(cutoff));
            if (ids.isEmpty()) {
                break;
            }
            String in = in(ids);
            Object[] args = ids.toArray();
            for (String table : List.of("journey_event", "business_key", "delivery_state", "payload", "delivery_log",
                    "access_log", "replay_item", "quarantine", "message_lineage", "message")) {
                jdbc.update("delete from " + table + " where message_id in (" + in + ")", args);
            }
            purged += ids.size();
        }
        // Quarantined input whose message row was never written still goes with its period.
        purged += jdbc.update("delete from quarantine where received_at < ?", Timestamp.from(cutoff));
        return purged;
    }

    private void purgedEvents(List<String> ids, Timestamp at, String detail) {
        List<Object[]> rows = new ArrayList<>();
        ids.forEach(id -> rows.add(new Object[] {id, at, "purged", "retention", detail}));
        jdbc.batchUpdate("insert into journey_event (message_id, at, type, actor, detail) values (?, ?, ?, ?, ?)", rows);
    }

    private long startRun(Instant now, String actor) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into retention_run (started_at, actor,"
                    + " instance, outcome) values (?, ?, ?, 'RUNNING')", new String[] {"run_id"});
            insert.setTimestamp(1, Timestamp.from(now));
            insert.setString(2, actor);
            insert.setString(3, instance);
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    private void finishRun(long runId, long payloads, long quarantined, long journeys, long idempotency, String outcome,
            String detail) {
        jdbc.update("update retention_run set finished_at = ?, payloads_purged = ?, quarantine_purged = ?,"
                + " journeys_purged = ?, idempotency_purged = ?, outcome = ?, detail = ? where run_id = ?",
                Timestamp.from(clock.instant()), payloads, quarantined, journeys, idempotency, outcome, detail, runId);
    }

    private static String in(List<String> ids) {
        return String.join(",", Collections.nCopies(ids.size(), "?"));
    }

    private static Object[] args(Object first, List<String> ids) {
        List<Object> args = new ArrayList<>();
        args.add(first);
        args.addAll(ids);
        return args.toArray();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
