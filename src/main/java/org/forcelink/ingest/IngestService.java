package org.forcelink.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.MappingRef;
import org.forcelink.canonical.RecordException;
import org.forcelink.canonical.Subjects;
import org.forcelink.mapping.FileSplit;
import org.forcelink.mapping.MappingOutcome;
import org.forcelink.mapping.SourceContext;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.registry.SourceSystem;
import org.forcelink.tracking.BusinessKeys;
import org.forcelink.tracking.Journey;
import org.forcelink.tracking.JourneyQueries;
import org.forcelink.tracking.JourneyRecorder;
import org.forcelink.tracking.QuarantineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The gate every channel passes a record through once the caller is authenticated: idempotency, mapping
 * to the canonical model, quarantine of what cannot be understood, and the durable hand-over to the
 * ingest queue. Logs carry message ids only.
 */
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final long IDEMPOTENT_WAIT_MILLIS = 5_000;
    /** A claim older than this with neither answer nor journey belongs to a request that died. */
    private static final java.time.Duration STALE_CLAIM = java.time.Duration.ofSeconds(60);
    private static final String NOT_DURABLE = "the record could not be made durable; nothing was accepted, retry";
    /** Records {@link #submitAll} sends to the ingest queue in one broker transaction. */
    static final int BATCH_SIZE = 500;

    private final ForceRegistry registry;
    private final SourceMappers mappers;
    private final IdempotencyStore idempotency;
    private final AnswerWriter answers;
    private final QuarantineStore quarantine;
    private final JourneyRecorder journey;
    private final JourneyQueries journeys;
    private final IngestQueue ingestQueue;
    private final ClaimBatcher claims;
    private final Clock clock;

    public IngestService(ForceRegistry registry, SourceMappers mappers, IdempotencyStore idempotency,
            QuarantineStore quarantine, JourneyRecorder journey, JourneyQueries journeys, IngestQueue ingestQueue,
            ClaimBatcher claims, AnswerWriter answers, Clock clock) {
        this.registry = registry;
        this.mappers = mappers;
        this.idempotency = idempotency;
        this.answers = answers;
        this.quarantine = quarantine;
        this.journey = journey;
        this.journeys = journeys;
        this.ingestQueue = ingestQueue;
        this.claims = claims;
        this.clock = clock;
    }

    public IngestResult submit(Submission submission) {
        Started started = start(submission);
        if (started.earlier() != null) {
            return started.earlier();
        }
        IngestResult result;
        try {
            MappingOutcome outcome = map(started);
            Instant mappedAt = clock.instant();
            SourceVersion version = sourceVersion(submission, outcome);
            Optional<IngestResult> earlier = claimVersion(started, version);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            result = outcome.isRejected()
                    ? reject(submission, started.messageId(), started.receivedAt(), outcome)
                    : forward(started, mappedAt, outcome);
            rememberVersion(submission, version, result);
        } catch (RuntimeException e) {
            giveUpQuietly(submission);
            throw e;
        }
        remember(submission, result);
        return result;
    }

    /**
     * Submits many records of one source (the lines of a dropped file) and answers each as {@link #submit}
     * would, in order. The records are taken {@value #BATCH_SIZE} at a time, and the accepted ones of each
     * such run go to the ingest queue in one broker transaction, several to a message
     * ({@link IngestQueue#sendAll}), instead of one durable send per record; a batch the broker does not
     * take makes each of its records UNAVAILABLE and nothing of it accepted. The runs are cut by position
     * in the file, so a file read again after a crash sends the records it had sent in the same messages,
     * which the broker recognises as duplicates.
     */
    public List<IngestResult> submitAll(List<Submission> submissions) {
        IngestResult[] results = new IngestResult[submissions.size()];
        List<Pending> batch = new ArrayList<>(BATCH_SIZE);
        List<Started> starts = List.of();
        for (int i = 0; i < submissions.size(); i++) {
            Submission submission = submissions.get(i);
            if (i % BATCH_SIZE == 0) {
                forwardAll(batch, results);
                batch.clear();
                starts = startAll(submissions.subList(i, Math.min(submissions.size(), i + BATCH_SIZE)));
            }
            Started started = starts.get(i % BATCH_SIZE);
            if (started.earlier() != null) {
                results[i] = started.earlier();
                continue;
            }
            MappingOutcome outcome = map(started);
            if (outcome.isRejected()) {
                results[i] = reject(submission, started.messageId(), started.receivedAt(), outcome);
                remember(submission, results[i]);
                continue;
            }
            SourceVersion version = sourceVersion(submission, outcome);
            Optional<IngestResult> earlier = claimVersion(started, version);
            if (earlier.isPresent()) {
                results[i] = earlier.get();
                continue;
            }
            batch.add(new Pending(i, started, clock.instant(), outcome, canonical(started, outcome), version));
        }
        forwardAll(batch, results);
        return Arrays.asList(results);
    }

    /**
     * Rejects a record the channel itself could not read (a JMS message type that carries no record, a
     * payload over the limit): kept in quarantine as received, with the reason, like any rejected record.
     */
    public IngestResult reject(Submission submission, String code, String path, String reason) {
        String messageId = MessageIds.next();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return reject(submission, messageId, receivedAt, MappingOutcome.rejected(code, path, reason));
    }

    /** A record on its way in: its mapper, message id and receipt time, or the earlier answer to give again. */
    private record Started(Submission submission, SourceMapper mapper, String messageId, Instant receivedAt,
            IngestResult earlier) {}

    /** A mapped record as it goes to the ingest queue, with the tree its business keys are read from. */
    private record Canonical(JsonNode tree, String recordType, IngestQueue.Outgoing message) {}

    /** A mapped record waiting for its batch to be made durable. */
    private record Pending(int index, Started started, Instant mappedAt, MappingOutcome outcome,
            Canonical canonical, SourceVersion version) {}

    /**
     * A record's identity in its source system, for idempotency without an Idempotency-Key: present only
     * when the record names both its source record id and version (docs/decisions/0013).
     */
    private record SourceVersion(String id, int version) {}

    private static SourceVersion sourceVersion(Submission submission, MappingOutcome outcome) {
        if (submission.idempotencyKey() != null || outcome.isRejected()) {
            return null;
        }
        String id = outcome.record().envelope().sourceRecordId();
        Integer version = outcome.record().envelope().sourceVersion();
        return id == null || version == null || id.length() > 200 ? null : new SourceVersion(id, version);
    }

    /**
     * Claims the record's source record id and version; when they arrived before, answers as the first
     * time (the same content) or with a conflict (other content).
     */
    private Optional<IngestResult> claimVersion(Started started, SourceVersion version) {
        if (version == null) {
            return Optional.empty();
        }
        Submission submission = started.submission();
        Optional<IdempotencyStore.Entry> earlier = idempotency.claimSourceVersion(submission.force(),
                submission.system(), version.id(), version.version(), sha256(submission.payload()), started.messageId());
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        String conflict = "source record " + version.id() + " version " + version.version()
                + " was already received with different content";
        return Optional.of(answerAgain(earlier.get(), sha256(submission.payload()), () -> idempotency.findSourceVersion(
                submission.force(), submission.system(), version.id(), version.version()), conflict)
                .orElse(IngestResult.unavailable("the first request for this record is still being processed; retry")));
    }

    /** Stores the answer under the record's source version, or frees it when nothing was accepted. */
    private void rememberVersion(Submission submission, SourceVersion version, IngestResult result) {
        if (version == null) {
            return;
        }
        try {
            if (result.outcome() == IngestResult.Outcome.UNAVAILABLE) {
                idempotency.releaseSourceVersion(submission.force(), submission.system(), version.id(),
                        version.version());
            } else {
                // Stored soon, by the answer writer: a resend before then is answered from the journey.
                int status = result.outcome() == IngestResult.Outcome.ACCEPTED ? 202 : 422;
                answers.store(new IdempotencyStore.VersionCompletion(submission.force(), submission.system(),
                        version.id(), version.version(), status, write(result.acknowledgement())));
            }
        } catch (DataAccessException e) {
            log.error("answer for {} not stored under its source version ({}); a resend is answered from its journey",
                    result.acknowledgement() == null ? "-" : result.acknowledgement().messageId(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Gives the record its message id and receipt time and claims its idempotency key, if it has one. A
     * key taken over from a request that gave up or died keeps that request's message id, so that if it
     * did reach the ingest queue, the broker drops this copy as a duplicate.
     */
    private Started start(Submission submission) {
        SourceMapper mapper = mapperOf(submission.force(), submission.system());
        String messageId = MessageIds.next();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String key = submission.idempotencyKey();
        Optional<IdempotencyStore.Entry> earlier = key == null ? Optional.empty()
                : claims.claim(new IdempotencyStore.Claim(submission.force(), submission.system(), key,
                        sha256(submission.payload()), messageId));
        return started(submission, mapper, messageId, receivedAt, earlier);
    }

    /**
     * Starts records of one source as {@link #start} does, with their idempotency keys claimed in one
     * database transaction: a commit per record was the largest cost of reading a dropped file.
     */
    private List<Started> startAll(List<Submission> submissions) {
        List<String> messageIds = new ArrayList<>(submissions.size());
        List<IdempotencyStore.Claim> claims = new ArrayList<>();
        for (Submission submission : submissions) {
            String messageId = MessageIds.next();
            messageIds.add(messageId);
            if (submission.idempotencyKey() != null) {
                claims.add(new IdempotencyStore.Claim(submission.force(), submission.system(),
                        submission.idempotencyKey(), sha256(submission.payload()), messageId));
            }
        }
        Iterator<Optional<IdempotencyStore.Entry>> earlier = idempotency.claimAll(claims).iterator();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Started> starts = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            Submission submission = submissions.get(i);
            starts.add(started(submission, mapperOf(submission.force(), submission.system()), messageIds.get(i),
                    receivedAt, submission.idempotencyKey() == null ? Optional.empty() : earlier.next()));
        }
        return starts;
    }

    /** A started record; when its key was claimed before, the first answer or the first message id. */
    private Started started(Submission submission, SourceMapper mapper, String messageId, Instant receivedAt,
            Optional<IdempotencyStore.Entry> earlier) {
        if (earlier.isEmpty()) {
            return new Started(submission, mapper, messageId, receivedAt, null);
        }
        Optional<IngestResult> answer = answerAgain(submission, earlier.get());
        if (answer.isPresent()) {
            return new Started(submission, mapper, messageId, receivedAt, answer.get());
        }
        return new Started(submission, mapper, earlier.get().messageId(), receivedAt, null);
    }

    private MappingOutcome map(Started started) {
        Submission submission = started.submission();
        return started.mapper().map(new SourceContext(submission.force(), submission.system(), started.messageId(),
                started.receivedAt()), submission.payload());
    }

    /**
     * Stores the answer under the record's idempotency key (if it has one) through the answer writer, off
     * the request; once a record is accepted, failing to store the answer must not undo that. A record not
     * made durable gives the key up at once, so that a resend may take it.
     */
    private void remember(Submission submission, IngestResult result) {
        String key = submission.idempotencyKey();
        if (key == null) {
            return;
        }
        if (result.outcome() != IngestResult.Outcome.UNAVAILABLE) {
            int status = result.outcome() == IngestResult.Outcome.ACCEPTED ? 202 : 422;
            answers.store(new IdempotencyStore.Completion(submission.force(), submission.system(), key, status,
                    write(result.acknowledgement())));
            return;
        }
        try {
            idempotency.giveUp(submission.force(), submission.system(), key);
        } catch (DataAccessException e) {
            log.error("idempotency key of a record from {}/{} not given up ({}); a resend takes it over once the"
                    + " claim is {} s old", submission.force(), submission.system(), e.getClass().getSimpleName(),
                    STALE_CLAIM.toSeconds());
        }
    }

    private void giveUpQuietly(Submission submission) {
        String key = submission.idempotencyKey();
        if (key == null) {
            return;
        }
        try {
            idempotency.giveUp(submission.force(), submission.system(), key);
        } catch (DataAccessException e) {
            log.error("idempotency claim of {}/{} not given up: {}", submission.force(), submission.system(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Cuts a file dropped for a force's system into records, each to be submitted on its own; or says
     * why the file as a whole cannot be read.
     */
    public FileSplit split(String force, String systemId, byte[] file) {
        return mapperOf(force, systemId).split(file);
    }

    private SourceMapper mapperOf(String force, String systemId) {
        SourceSystem system = registry.system(force, systemId)
                .orElseThrow(() -> new IllegalArgumentException("system is not registered for the force"));
        return mapperOf(force, system);
    }

    private SourceMapper mapperOf(String force, SourceSystem system) {
        return mappers.forSystem(force, system)
                .orElseThrow(() -> new IllegalStateException("no mapping for family " + system.family()));
    }

    /** Makes one record durable, then records its first steps with the times they happened. */
    private IngestResult forward(Started started, Instant mappedAt, MappingOutcome outcome) {
        Submission submission = started.submission();
        Canonical canonical = canonical(started, outcome);
        try {
            ingestQueue.send(canonical.message().body(), canonical.message().headers());
        } catch (RuntimeException e) {
            log.error("record {} from {}/{} could not be made durable: {}", started.messageId(), submission.force(),
                    submission.system(), e.getClass().getSimpleName());
            return IngestResult.unavailable(NOT_DURABLE);
        }
        return accepted(started, mappedAt, outcome, canonical);
    }

    /** Makes a batch of records durable in one broker transaction, then answers and records each. */
    private void forwardAll(List<Pending> batch, IngestResult[] results) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            ingestQueue.sendAll(batch.stream().map(pending -> pending.canonical().message()).toList());
        } catch (RuntimeException e) {
            log.error("a batch of {} records from {}/{} could not be made durable: {}", batch.size(),
                    batch.get(0).started().submission().force(), batch.get(0).started().submission().system(),
                    e.getClass().getSimpleName());
            for (Pending pending : batch) {
                results[pending.index()] = IngestResult.unavailable(NOT_DURABLE);
                rememberVersion(pending.started().submission(), pending.version(), results[pending.index()]);
                remember(pending.started().submission(), results[pending.index()]);
            }
            return;
        }
        List<IdempotencyStore.Completion> answers = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            results[pending.index()] = accepted(pending.started(), pending.mappedAt(), pending.outcome(),
                    pending.canonical());
            rememberVersion(pending.started().submission(), pending.version(), results[pending.index()]);
            Submission submission = pending.started().submission();
            if (submission.idempotencyKey() != null) {
                answers.add(new IdempotencyStore.Completion(submission.force(), submission.system(),
                        submission.idempotencyKey(), 202, write(results[pending.index()].acknowledgement())));
            }
        }
        // The batch's answers in one transaction; if that fails, through the answer writer as for a single record.
        try {
            idempotency.completeAll(answers);
        } catch (DataAccessException e) {
            for (Pending pending : batch) {
                remember(pending.started().submission(), results[pending.index()]);
            }
        }
    }

    private Canonical canonical(Started started, MappingOutcome outcome) {
        Submission submission = started.submission();
        JsonNode tree = CanonicalJson.mapper().valueToTree(outcome.record());
        String recordType = tree.path("envelope").path("recordType").asText();
        return new Canonical(tree, recordType, new IngestQueue.Outgoing(write(tree), IngestQueue.headers(
                started.messageId(), submission.force(), submission.system(), recordType,
                Subjects.of(outcome.record()))));
    }

    /** Records the journey of a record now durable on the ingest queue and gives its acknowledgement. */
    private IngestResult accepted(Started started, Instant mappedAt, MappingOutcome outcome, Canonical canonical) {
        Submission submission = started.submission();
        String messageId = started.messageId();
        Instant receivedAt = started.receivedAt();
        CanonicalRecord record = outcome.record();
        String recordType = canonical.recordType();
        Acknowledgement.Status status = outcome.exceptions().isEmpty()
                ? Acknowledgement.Status.ACCEPTED : Acknowledgement.Status.ACCEPTED_WITH_EXCEPTIONS;
        journey.message(new JourneyRecorder.MessageRow(messageId, submission.force(), submission.system(), recordType,
                record.envelope().sourceRecordId(), record.envelope().sourceVersion(), status.name(), receivedAt,
                write(outcome.exceptions()), BusinessKeys.of(canonical.tree())));
        journey.lineage(messageId, write(outcome.lineage()));
        MappingRef mapping = record.envelope().mapping();
        journey.payload(new JourneyRecorder.PayloadRow(messageId, submission.force(), recordType, receivedAt,
                submission.contentType(), submission.payload(), canonical.message().body(),
                mapping == null ? null : mapping.id(), mapping == null ? null : mapping.version()));
        recordReceived(submission, messageId, receivedAt);
        journey.event(messageId, mappedAt, "mapped", "mapping " + started.mapper().family() + " v"
                + record.envelope().mapping().version(), null, "canonical " + recordType + " record, "
                + outcome.exceptions().size() + " exception(s)");
        if (!outcome.exceptions().isEmpty()) {
            journey.event(messageId, mappedAt, "exceptions", "mapping " + started.mapper().family(), null,
                    summary(outcome.exceptions()));
        }
        log.info("accepted {} from {}/{} as {} with {} exception(s)", messageId, submission.force(),
                submission.system(), recordType, outcome.exceptions().size());
        return IngestResult.accepted(new Acknowledgement(messageId, status, receivedAt, outcome.exceptions()));
    }

    private IngestResult reject(Submission submission, String messageId, Instant receivedAt, MappingOutcome outcome) {
        quarantine.keep(messageId, submission.force(), submission.system(), receivedAt, submission.contentType(),
                outcome.rejectionReason(), submission.payload());
        journey.message(new JourneyRecorder.MessageRow(messageId, submission.force(), submission.system(), null, null,
                null, Acknowledgement.Status.REJECTED.name(), receivedAt, write(outcome.exceptions()),
                java.util.Map.of()));
        recordReceived(submission, messageId, receivedAt);
        journey.event(messageId, "rejected", "ingest", null, summary(outcome.exceptions()) + "; kept in quarantine");
        log.info("rejected {} from {}/{}: {}", messageId, submission.force(), submission.system(),
                outcome.exceptions().get(0).code());
        return IngestResult.rejected(new Acknowledgement(messageId, Acknowledgement.Status.REJECTED, receivedAt,
                outcome.exceptions()));
    }

    private void recordReceived(Submission submission, String messageId, Instant receivedAt) {
        journey.event(messageId, receivedAt, "received", submission.credentialId(), null,
                submission.channel() + ", " + submission.payload().length + " bytes"
                        + (submission.idempotencyKey() != null ? ", with Idempotency-Key" : ""));
    }

    /**
     * The first request's answer, once it has one; a different body under the same key is a conflict.
     * When the first request stored no answer, its journey answers; when it left neither because it gave
     * up (503) or died (its claim is stale), this request takes the key over (empty result) and is
     * processed under the first request's message id, which the broker's duplicate detection on the
     * ingest queue uses to drop a second copy: the first request may have made the record durable just
     * before it failed or died.
     */
    private Optional<IngestResult> answerAgain(Submission submission, IdempotencyStore.Entry earlier) {
        String key = submission.idempotencyKey();
        Optional<IngestResult> answer = answerAgain(earlier, sha256(submission.payload()),
                () -> idempotency.find(submission.force(), submission.system(), key),
                "the Idempotency-Key was already used with a different body");
        if (answer.isPresent()) {
            return answer;
        }
        IdempotencyStore.Entry entry = idempotency.find(submission.force(), submission.system(), key).orElse(earlier);
        boolean gaveUp = Integer.valueOf(IdempotencyStore.GAVE_UP).equals(entry.httpStatus());
        if ((gaveUp || entry.createdAt().isBefore(clock.instant().minus(STALE_CLAIM))) && takeOver(submission)) {
            return Optional.empty();
        }
        return Optional.of(IngestResult.unavailable(
                "the first request with this Idempotency-Key is still being processed; retry"));
    }

    /**
     * The first request's answer, from the stored entry or else its journey, waiting a little for it; a
     * different body is a conflict. Empty when there is still no answer (or the first request gave up).
     */
    private Optional<IngestResult> answerAgain(IdempotencyStore.Entry earlier, String bodySha256,
            Supplier<Optional<IdempotencyStore.Entry>> reread, String conflict) {
        if (!earlier.bodySha256().equals(bodySha256)) {
            return Optional.of(IngestResult.conflict(conflict));
        }
        long deadline = System.currentTimeMillis() + IDEMPOTENT_WAIT_MILLIS;
        IdempotencyStore.Entry entry = earlier;
        while (true) {
            if (entry.answer() == null && Integer.valueOf(IdempotencyStore.GAVE_UP).equals(entry.httpStatus())) {
                return Optional.empty();
            }
            if (entry.answer() != null) {
                try {
                    return Optional.of(IngestResult.replayed(
                            CanonicalJson.mapper().readValue(entry.answer(), Acknowledgement.class), entry.httpStatus()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored answer for message " + entry.messageId()
                            + " is not readable", e);
                }
            }
            Optional<Journey> journey = journeys.find(entry.messageId());
            if (journey.isPresent()) {
                return Optional.of(fromJourney(journey.get()));
            }
            if (System.currentTimeMillis() >= deadline) {
                return Optional.empty();
            }
            sleepBriefly();
            entry = reread.get().orElse(entry);
        }
    }

    private boolean takeOver(Submission submission) {
        return idempotency.takeOver(submission.force(), submission.system(), submission.idempotencyKey(),
                clock.instant().minus(STALE_CLAIM));
    }

    private static IngestResult fromJourney(Journey journey) {
        Acknowledgement.Status status = Acknowledgement.Status.valueOf(journey.status());
        List<RecordException> exceptions = new ArrayList<>();
        journey.exceptions().forEach(node -> exceptions.add(
                CanonicalJson.mapper().convertValue(node, RecordException.class)));
        Acknowledgement ack = new Acknowledgement(journey.messageId(), status, journey.receivedAt(), exceptions);
        return IngestResult.replayed(ack, status == Acknowledgement.Status.REJECTED ? 422 : 202);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String summary(List<RecordException> exceptions) {
        return exceptions.stream().map(e -> e.code() + " " + e.path()).collect(Collectors.joining("; "));
    }

    private static String write(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
