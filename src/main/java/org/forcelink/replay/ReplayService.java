package org.forcelink.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.forcelink.ForceLinkHeaders;
import org.forcelink.api.ApiProblem;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.RecordType;
import org.forcelink.canonical.Subjects;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.security.Caller;
import org.forcelink.tracking.AccessLog;
import org.forcelink.tracking.DeliveryLog;
import org.forcelink.tracking.Hashes;
import org.forcelink.tracking.JourneyRecorder;
import org.forcelink.tracking.SearchCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replays records to a recipient, from its dead letters or found by search. Every replay is planned as a
 * dry run first: for each record and recipient, what was delivered last against what would be sent now,
 * and whether it will be sent (SEND), left alone because the recipient already has exactly that
 * (SKIP), or cannot be replayed (ERROR). A plan sending more than the approval threshold waits for a
 * second operator's approval. The run re-sends each record under its original message id, so recipients
 * replace rather than duplicate, and records a {@code replayed} step on its journey. A record already
 * delivered to the recipient with the same content is never sent again: a second replay of the same
 * records sends nothing new.
 */
public class ReplayService implements SmartLifecycle {

    public static final String DEAD_LETTERS = "dead-letters";
    public static final String SEARCH = "search";

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final int ITEMS_SHOWN = 500;
    private static final int RUN_CHUNK = 100;

    /** A planned job with the first items of its dry run. */
    public record Plan(ReplayJobs.Job job, List<ReplayJobs.Item> items) {}

    /** A record as replay sees it; {@code canonical} is the record as last stored (or as dead-lettered). */
    private record Candidate(String messageId, String force, String system, String recordType, Instant receivedAt,
            String canonical, byte[] input, String note) {}

    /** What would be sent now, or why nothing can be. */
    private record Now(String canonical, String error) {}

    private final ReplayJobs jobs;
    private final DeadLetters deadLetters;
    private final Remapper remapper;
    private final DeliveryLog deliveryLog;
    private final AccessLog accessLog;
    private final JourneyRecorder journey;
    private final Subscriptions subscriptions;
    private final JdbcTemplate jdbc;
    private final ReplayProperties properties;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "replay-runner");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    public ReplayService(ReplayJobs jobs, DeadLetters deadLetters, Remapper remapper, DeliveryLog deliveryLog,
            AccessLog accessLog, JourneyRecorder journey, Subscriptions subscriptions, JdbcTemplate jdbc,
            ReplayProperties properties, Clock clock) {
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.remapper = remapper;
        this.deliveryLog = deliveryLog;
        this.accessLog = accessLog;
        this.journey = journey;
        this.subscriptions = subscriptions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Plans a replay as a dry run and stores it as a job; nothing is sent until the job is started. */
    public Plan plan(ReplayRequest request, Caller caller) {
        String reason = AccessLog.requireReason(request.reason());
        String source = request.source() == null ? "" : request.source().trim();
        if (!source.equals(DEAD_LETTERS) && !source.equals(SEARCH)) {
            throw ApiProblem.badRequest("bad-replay", "source must be dead-letters or search");
        }
        Recipient recipient = request.recipient() == null || request.recipient().isBlank() ? null
                : subscriptions.recipients().stream().filter(r -> r.id().equals(request.recipient().trim()))
                        .findFirst().orElseThrow(() -> ApiProblem.badRequest("bad-replay", "no recipient '"
                                + request.recipient().trim() + "'"));
        if (source.equals(DEAD_LETTERS) && recipient == null) {
            throw ApiProblem.badRequest("bad-replay", "a replay of dead letters names the recipient");
        }
        int limit = request.limit() == null ? properties.defaultLimit() : request.limit();
        if (limit < 1 || limit > properties.maxLimit()) {
            throw ApiProblem.badRequest("bad-replay", "limit must be 1 to " + properties.maxLimit());
        }
        boolean remap = request.remap() != null ? request.remap() : source.equals(SEARCH);
        List<Candidate> candidates = source.equals(DEAD_LETTERS)
                ? fromDeadLetters(recipient.id(), caller, limit + 1, remap)
                : fromSearch(request, caller, limit + 1, remap);
        boolean truncated = candidates.size() > limit;
        if (truncated) {
            candidates = candidates.subList(0, limit);
        }
        String jobId = UUID.randomUUID().toString();
        List<ReplayJobs.Item> items = new ArrayList<>();
        Map<Integer, String> forceOfItem = new HashMap<>();
        for (Candidate candidate : candidates) {
            Now now = now(candidate, remap);
            for (Recipient target : recipientsOf(candidate, recipient)) {
                ReplayJobs.Item item = decide(items.size() + 1, candidate, target, now);
                forceOfItem.put(item.seq(), candidate.force());
                items.add(item);
            }
        }
        int toSend = (int) items.stream().filter(i -> i.action() == ReplayJobs.Action.SEND).count();
        int toSkip = (int) items.stream().filter(i -> i.action() == ReplayJobs.Action.SKIP).count();
        int errors = items.size() - toSend - toSkip;
        boolean approval = toSend > properties.approvalThreshold();
        ReplayJobs.Job job = new ReplayJobs.Job(jobId, clock.instant(), caller.name(), reason, caller.forceScope(),
                source, recipient == null ? null : recipient.id(), criteria(request, remap, limit), remap,
                approval ? ReplayJobs.Status.AWAITING_APPROVAL : ReplayJobs.Status.PLANNED,
                new ReplayJobs.Counts(items.size(), toSend, toSkip, errors, 0, 0, 0), truncated, approval, null, null,
                null, null, null);
        jobs.create(job, items);
        List<ReplayJobs.Item> shown = items.subList(0, Math.min(ITEMS_SHOWN, items.size()));
        logViews(shown, forceOfItem, caller, jobId, reason);
        log.info("replay {} planned by {}: {} item(s), {} to send, {} to skip, {} error(s){}", jobId, caller.name(),
                items.size(), toSend, toSkip, errors, approval ? ", awaiting approval" : "");
        return new Plan(jobs.find(jobId).orElseThrow(), shown);
    }

    public ReplayJobs.Job job(String jobId, Caller caller) {
        return jobs.find(jobId).filter(job -> visible(job, caller)).orElseThrow(() -> ApiProblem.notFound(
                "unknown-replay", "no replay job " + jobId + " in your scope"));
    }

    public List<ReplayJobs.Job> jobs(Caller caller, int limit) {
        return jobs.list(caller.forceScope(), limit);
    }

    /** The dry run's items from {@code afterSeq} on; showing them is a view of their payloads, so it is logged. */
    public List<ReplayJobs.Item> items(String jobId, int afterSeq, int limit, String reason, Caller caller) {
        String why = AccessLog.requireReason(reason);
        job(jobId, caller);
        List<ReplayJobs.Item> items = jobs.items(jobId, afterSeq, limit);
        Map<Integer, String> forces = new HashMap<>();
        for (ReplayJobs.Item item : items) {
            forces.put(item.seq(), forceOf(item.messageId()).orElse("unknown"));
        }
        logViews(items, forces, caller, jobId, why);
        return items;
    }

    /** A second operator's approval: an admin other than the requester, whose scope covers the job's. */
    public ReplayJobs.Job approve(String jobId, Caller caller) {
        ReplayJobs.Job job = job(jobId, caller);
        if (job.requestedBy().equals(caller.name())) {
            throw ApiProblem.forbidden("second-operator-required", "a replay is approved by a second operator, not"
                    + " by " + caller.name() + " who requested it");
        }
        if (!caller.seesAllForces() && !caller.forceScope().equals(job.forceScope())) {
            throw ApiProblem.forbidden("forbidden", "this replay covers more than your force");
        }
        if (!jobs.approve(jobId, caller.name(), clock.instant())) {
            throw ApiProblem.conflict("replay-state", "replay " + jobId + " is " + job.status()
                    + ", not awaiting approval");
        }
        log.info("replay {} approved by {}", jobId, caller.name());
        return jobs.find(jobId).orElseThrow();
    }

    /** Starts the run in the background; progress shows on the job. */
    public ReplayJobs.Job start(String jobId, Caller caller) {
        ReplayJobs.Job job = job(jobId, caller);
        if (job.status() == ReplayJobs.Status.AWAITING_APPROVAL) {
            throw ApiProblem.conflict("approval-required", "replay " + jobId + " sends " + job.counts().toSend()
                    + " records, more than " + properties.approvalThreshold() + ": a second operator must approve it"
                    + " first (POST /api/v1/replays/" + jobId + "/approve)");
        }
        if (!jobs.start(jobId, caller.name(), clock.instant())) {
            throw ApiProblem.conflict("replay-state", "replay " + jobId + " is " + job.status()
                    + "; only a planned, approved or interrupted replay can start");
        }
        runner.submit(() -> run(jobId));
        log.info("replay {} started by {}", jobId, caller.name());
        return jobs.find(jobId).orElseThrow();
    }

    public ReplayJobs.Job cancel(String jobId, Caller caller) {
        ReplayJobs.Job job = job(jobId, caller);
        if (!jobs.transition(jobId, List.of(ReplayJobs.Status.PLANNED, ReplayJobs.Status.AWAITING_APPROVAL,
                ReplayJobs.Status.APPROVED, ReplayJobs.Status.RUNNING, ReplayJobs.Status.INTERRUPTED),
                ReplayJobs.Status.CANCELLED)) {
            throw ApiProblem.conflict("replay-state", "replay " + jobId + " is " + job.status() + " already");
        }
        log.info("replay {} cancelled by {}", jobId, caller.name());
        return jobs.find(jobId).orElseThrow();
    }

    private void run(String jobId) {
        try {
            ReplayJobs.Job job = jobs.find(jobId).orElseThrow();
            boolean fromDeadLetters = job.source().equals(DEAD_LETTERS);
            Map<String, DeadLetters.DeadLetter> letters = new HashMap<>();
            if (fromDeadLetters) {
                Set<String> planned = new HashSet<>();
                jobs.items(jobId, 0, Integer.MAX_VALUE).forEach(item -> planned.add(item.messageId()));
                deadLetters.browse(job.recipient(), planned.size(), letter -> planned.contains(letter.messageId())
                        && !letters.containsKey(letter.messageId()))
                        .forEach(letter -> letters.putIfAbsent(letter.messageId(), letter));
            }
            try (DeadLetters.Run broker = deadLetters.open()) {
                List<ReplayJobs.Item> pending = jobs.pendingItems(jobId, RUN_CHUNK);
                while (!pending.isEmpty()) {
                    if (jobs.find(jobId).map(ReplayJobs.Job::status).orElse(null) != ReplayJobs.Status.RUNNING) {
                        log.info("replay {} stopped: no longer running", jobId);
                        return;
                    }
                    for (ReplayJobs.Item item : pending) {
                        if (!running) {
                            jobs.transition(jobId, List.of(ReplayJobs.Status.RUNNING), ReplayJobs.Status.INTERRUPTED);
                            log.warn("replay {} interrupted by shutdown; start it again to finish", jobId);
                            return;
                        }
                        process(job, item, letters.get(item.messageId()), broker);
                    }
                    pending = jobs.pendingItems(jobId, RUN_CHUNK);
                }
            }
            jobs.finish(jobId, ReplayJobs.Status.COMPLETED, clock.instant());
            ReplayJobs.Job done = jobs.find(jobId).orElseThrow();
            log.info("replay {} completed: {} sent, {} skipped, {} failed", jobId, done.counts().sent(),
                    done.counts().skipped(), done.counts().failed());
        } catch (RuntimeException e) {
            log.error("replay {} stopped by an error; start it again to finish: {}", jobId, e.getMessage());
            jobs.transition(jobId, List.of(ReplayJobs.Status.RUNNING), ReplayJobs.Status.INTERRUPTED);
        }
    }

    private void process(ReplayJobs.Job job, ReplayJobs.Item item, DeadLetters.DeadLetter letter,
            DeadLetters.Run broker) {
        boolean fromDeadLetters = job.source().equals(DEAD_LETTERS);
        String recipient = item.recipient();
        if (item.action() == ReplayJobs.Action.ERROR) {
            jobs.done(job.id(), item.seq(), "FAILED", item.detail(), clock.instant());
            return;
        }
        if (item.action() == ReplayJobs.Action.SKIP) {
            if (fromDeadLetters) {
                broker.discard(recipient, item.messageId());
            }
            jobs.done(job.id(), item.seq(), "SKIPPED", item.detail(), clock.instant());
            return;
        }
        if (fromDeadLetters && letter == null) {
            jobs.done(job.id(), item.seq(), "SKIPPED", "no longer in dlq." + recipient, clock.instant());
            return;
        }
        Candidate candidate = candidate(item.messageId(), job.remap(), letter).orElse(null);
        Now now = candidate == null ? new Now(null, "record " + item.messageId() + " is no longer in the tracking store")
                : now(candidate, job.remap());
        if (now.error() != null) {
            jobs.done(job.id(), item.seq(), "FAILED", now.error(), clock.instant());
            return;
        }
        String sha = Hashes.sha256(now.canonical());
        if (!sha.equals(item.nowSha256())) {
            jobs.done(job.id(), item.seq(), "FAILED", "what would be sent changed since the dry run; plan the replay"
                    + " again", clock.instant());
            return;
        }
        Optional<DeliveryLog.Delivery> last = deliveryLog.lastDelivery(item.messageId(), recipient);
        if (last.isPresent() && sha.equals(last.get().contentSha256())) {
            if (fromDeadLetters) {
                broker.discard(recipient, item.messageId());
            }
            jobs.done(job.id(), item.seq(), "SKIPPED", "already delivered to " + recipient + " with the same content"
                    + " at " + last.get().at(), clock.instant());
            return;
        }
        boolean sent = broker.send(recipient, item.messageId(), now.canonical(), properties(job, candidate, recipient,
                now.canonical()), fromDeadLetters);
        if (!sent) {
            jobs.done(job.id(), item.seq(), "SKIPPED", "no longer in dlq." + recipient, clock.instant());
            return;
        }
        journey.event(item.messageId(), clock.instant(), "replayed", "replay " + job.id(), recipient,
                "re-sent to " + recipient + " by replay " + job.id() + " requested by " + job.requestedBy()
                        + (job.approvedBy() == null ? "" : ", approved by " + job.approvedBy()) + ": " + job.reason());
        jobs.done(job.id(), item.seq(), "SENT", item.detail(), clock.instant());
    }

    private static Map<String, String> properties(ReplayJobs.Job job, Candidate candidate, String recipient,
            String canonical) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ForceLinkHeaders.MESSAGE_ID, candidate.messageId());
        properties.put(ForceLinkHeaders.FORCE, candidate.force());
        properties.put(ForceLinkHeaders.SYSTEM, candidate.system());
        properties.put(ForceLinkHeaders.RECORD_TYPE, candidate.recordType());
        String subject = subject(canonical, candidate);
        properties.put(ForceLinkHeaders.SUBJECT, subject);
        properties.put(ForceLinkHeaders.GROUP_ID, subject);
        properties.put(ForceLinkHeaders.DUPLICATE_ID, "replay:" + job.id() + ":" + recipient + ":" + candidate.messageId());
        properties.put(ForceLinkHeaders.REPLAY_JOB, job.id());
        properties.values().removeIf(value -> value == null);
        return properties;
    }

    private static String subject(String canonical, Candidate candidate) {
        try {
            return Subjects.of(CanonicalJson.mapper().readValue(canonical, CanonicalRecord.class));
        } catch (JsonProcessingException | RuntimeException e) {
            return candidate.force() + ":record:" + candidate.messageId();
        }
    }

    private ReplayJobs.Item decide(int seq, Candidate candidate, Recipient recipient, Now now) {
        Optional<RecordType> type = RecordType.fromJson(candidate.recordType());
        if (type.isPresent() && !recipient.recordTypes().contains(type.get())) {
            return new ReplayJobs.Item(seq, candidate.messageId(), recipient.id(), ReplayJobs.Action.SKIP, "PLANNED",
                    null, null, recipient.id() + " is not entitled to " + candidate.recordType() + " records under"
                            + " its current subscription", null, null);
        }
        if (now.error() != null) {
            return new ReplayJobs.Item(seq, candidate.messageId(), recipient.id(), ReplayJobs.Action.ERROR, "PLANNED",
                    null, null, now.error(), null, null);
        }
        String sha = Hashes.sha256(now.canonical());
        Optional<DeliveryLog.Delivery> last = deliveryLog.lastDelivery(candidate.messageId(), recipient.id());
        ReplayJobs.Delivered delivered = last.map(d -> new ReplayJobs.Delivered(d.at(), d.contentSha256())).orElse(null);
        String note = candidate.note() == null ? "" : "; " + candidate.note();
        if (last.isEmpty()) {
            return new ReplayJobs.Item(seq, candidate.messageId(), recipient.id(), ReplayJobs.Action.SEND, "PLANNED",
                    null, sha, "never delivered to " + recipient.id() + note, null, null);
        }
        if (sha.equals(last.get().contentSha256())) {
            return new ReplayJobs.Item(seq, candidate.messageId(), recipient.id(), ReplayJobs.Action.SKIP, "PLANNED",
                    delivered, sha, "already delivered to " + recipient.id() + " with the same content", List.of(),
                    null);
        }
        List<JsonDiff.Change> changes = last.get().content() == null ? null
                : JsonDiff.between(tree(last.get().content()), tree(now.canonical()));
        return new ReplayJobs.Item(seq, candidate.messageId(), recipient.id(), ReplayJobs.Action.SEND, "PLANNED",
                delivered, sha, "delivered to " + recipient.id() + " before with different content"
                        + (changes == null ? " (the delivered content was purged by the retention job)" : "") + note,
                changes, null);
    }

    private List<Recipient> recipientsOf(Candidate candidate, Recipient named) {
        if (named != null) {
            return List.of(named);
        }
        return RecordType.fromJson(candidate.recordType()).map(subscriptions::entitled).orElse(List.of());
    }

    private Now now(Candidate candidate, boolean remap) {
        if (remap) {
            Remapper.Result result = candidate.receivedAt() == null
                    ? new Remapper.Result(null, "record " + candidate.messageId() + " is not in the tracking store")
                    : remapper.remap(candidate.messageId(), candidate.force(), candidate.system(),
                            candidate.receivedAt(), candidate.input());
            return new Now(result.canonicalJson(), result.error());
        }
        return candidate.canonical() != null ? new Now(candidate.canonical(), null)
                : new Now(null, "the canonical record was purged by the retention job");
    }

    private List<Candidate> fromDeadLetters(String recipient, Caller caller, int max, boolean remap) {
        List<Candidate> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        deadLetters.browse(recipient, max, letter -> {
            // A record dead-lettered twice is one candidate; its copies leave together when it is replayed.
            if (letter.messageId() == null || !MESSAGE_ID.matcher(letter.messageId()).matches()
                    || !seen.add(letter.messageId())) {
                return false;
            }
            Candidate candidate = candidate(letter.messageId(), remap, letter).orElse(null);
            if (candidate == null || !caller.sees(candidate.force())) {
                return false;
            }
            found.add(candidate);
            return true;
        });
        return found;
    }

    /** The record from the tracking store; from a dead letter, with the dead letter's body and cause. */
    private Optional<Candidate> candidate(String messageId, boolean withInput, DeadLetters.DeadLetter letter) {
        List<Candidate> rows = jdbc.query("select m.message_id, m.force_code, m.system_id, m.record_type,"
                + " m.received_at, p.canonical, " + (withInput ? "p.raw" : "null") + " from message m"
                + " left join payload p on p.message_id = m.message_id where m.message_id = ?",
                (rs, n) -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBytes(7), null), messageId);
        if (letter == null) {
            return rows.stream().findFirst();
        }
        String note = "dead-lettered: " + (letter.cause() == null ? "cause unknown" : letter.cause());
        if (rows.isEmpty()) {
            return letter.force() == null ? Optional.empty() : Optional.of(new Candidate(messageId, letter.force(),
                    letter.system(), letter.recordType(), null, letter.body(), null, note));
        }
        Candidate row = rows.get(0);
        return Optional.of(new Candidate(messageId, row.force(), row.system(), row.recordType(), row.receivedAt(),
                letter.body(), row.input(), note));
    }

    private List<Candidate> fromSearch(ReplayRequest request, Caller caller, int max, boolean remap) {
        List<String> ids = request.messageIds() == null ? List.of() : request.messageIds();
        Instant from = SearchCriteria.instant("from", request.from());
        Instant to = SearchCriteria.instant("to", request.to());
        if (ids.isEmpty() && (from == null || to == null)) {
            throw ApiProblem.badRequest("bad-replay", "a replay by search names messageIds, or a time window with"
                    + " both from and to");
        }
        if (ids.size() > properties.maxLimit() || ids.stream().anyMatch(id -> !MESSAGE_ID.matcher(id).matches())) {
            throw ApiProblem.badRequest("bad-replay", "messageIds must be at most " + properties.maxLimit()
                    + " message ids");
        }
        String force = blankToNull(request.force());
        if (!caller.seesAllForces()) {
            if (force != null && !force.equals(caller.forceScope())) {
                return List.of();
            }
            force = caller.forceScope();
        }
        StringBuilder sql = new StringBuilder("select m.message_id, m.force_code, m.system_id, m.record_type,"
                + " m.received_at, p.canonical, " + (remap ? "p.raw" : "null") + " from message m"
                + " left join payload p on p.message_id = m.message_id where m.status <> 'REJECTED'");
        List<Object> args = new ArrayList<>();
        if (!ids.isEmpty()) {
            sql.append(" and m.message_id in (").append(String.join(",", Collections.nCopies(ids.size(), "?")))
                    .append(")");
            args.addAll(ids);
        }
        if (from != null) {
            sql.append(" and m.received_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and m.received_at < ?");
            args.add(Timestamp.from(to));
        }
        if (force != null) {
            sql.append(" and m.force_code = ?");
            args.add(force);
        }
        if (blankToNull(request.type()) != null) {
            sql.append(" and m.record_type = ?");
            args.add(request.type().trim());
        }
        if (blankToNull(request.mappingId()) != null) {
            sql.append(" and p.mapping_id = ?");
            args.add(request.mappingId().trim());
        }
        if (blankToNull(request.mappingVersion()) != null) {
            sql.append(" and p.mapping_version = ?");
            args.add(request.mappingVersion().trim());
        }
        sql.append(" order by m.received_at, m.message_id limit ?");
        args.add(max);
        return jdbc.query(sql.toString(), (rs, n) -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBytes(7), null), args.toArray());
    }

    private Optional<String> forceOf(String messageId) {
        return jdbc.queryForList("select force_code from message where message_id = ?", String.class, messageId)
                .stream().findFirst();
    }

    private void logViews(List<ReplayJobs.Item> items, Map<Integer, String> forces, Caller caller, String jobId,
            String reason) {
        List<String> logged = new ArrayList<>();
        for (ReplayJobs.Item item : items) {
            if (item.nowSha256() != null && !logged.contains(item.messageId())) {
                logged.add(item.messageId());
                accessLog.viewed(caller.name(), item.messageId(), forces.getOrDefault(item.seq(), "unknown"),
                        AccessLog.Action.REPLAY_DIFF, "replay " + jobId + ": " + reason);
            }
        }
    }

    private static boolean visible(ReplayJobs.Job job, Caller caller) {
        return caller.seesAllForces() || caller.forceScope().equals(job.forceScope());
    }

    private static JsonNode criteria(ReplayRequest request, boolean remap, int limit) {
        ObjectNode criteria = CanonicalJson.mapper().valueToTree(request);
        criteria.remove("reason");
        criteria.put("remap", remap);
        criteria.put("limit", limit);
        List<String> empty = new ArrayList<>();
        criteria.fieldNames().forEachRemaining(name -> {
            if (criteria.get(name).isNull()) {
                empty.add(name);
            }
        });
        criteria.remove(empty);
        return criteria;
    }

    private static JsonNode tree(String json) {
        try {
            return CanonicalJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical record is not JSON", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Lets the current item finish; a running job is left INTERRUPTED, to be started again. */
    @Override
    public void stop() {
        running = false;
        runner.shutdown();
        try {
            if (!runner.awaitTermination(20, TimeUnit.SECONDS)) {
                runner.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
