package org.forcelink.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    private final ForceRegistry registry;
    private final SourceMappers mappers;
    private final IdempotencyStore idempotency;
    private final QuarantineStore quarantine;
    private final JourneyRecorder journey;
    private final IngestQueue ingestQueue;
    private final Clock clock;

    public IngestService(ForceRegistry registry, SourceMappers mappers, IdempotencyStore idempotency,
            QuarantineStore quarantine, JourneyRecorder journey, IngestQueue ingestQueue, Clock clock) {
        this.registry = registry;
        this.mappers = mappers;
        this.idempotency = idempotency;
        this.quarantine = quarantine;
        this.journey = journey;
        this.ingestQueue = ingestQueue;
        this.clock = clock;
    }

    public IngestResult submit(Submission submission) {
        SourceSystem system = registry.system(submission.force(), submission.system())
                .orElseThrow(() -> new IllegalArgumentException("system is not registered for the force"));
        SourceMapper mapper = mapperOf(submission.force(), system);
        String messageId = UUID.randomUUID().toString();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String key = submission.idempotencyKey();
        String bodySha256 = sha256(submission.payload());
        if (key != null) {
            Optional<IdempotencyStore.Entry> earlier;
            try {
                earlier = idempotency.claim(submission.force(), submission.system(), key, bodySha256, messageId);
            } catch (DataAccessException e) {
                return trackingUnavailable(messageId, e);
            }
            if (earlier.isPresent()) {
                return answerAgain(earlier.get(), bodySha256, () -> idempotency.find(submission.force(),
                        submission.system(), key), "the Idempotency-Key was already used with a different body");
            }
        }
        MappingOutcome outcome = mapper.map(
                new SourceContext(submission.force(), submission.system(), messageId, receivedAt), submission.payload());
        Instant mappedAt = clock.instant();
        SourceVersion version = key == null && !outcome.isRejected() ? SourceVersion.of(outcome.record()) : null;
        if (version != null) {
            Optional<IdempotencyStore.Entry> earlier;
            try {
                earlier = idempotency.claimSourceVersion(submission.force(), submission.system(), version.id(),
                        version.version(), bodySha256, messageId);
            } catch (DataAccessException e) {
                return trackingUnavailable(messageId, e);
            }
            if (earlier.isPresent()) {
                return answerAgain(earlier.get(), bodySha256, () -> idempotency.findSourceVersion(submission.force(),
                        submission.system(), version.id(), version.version()), "source record " + version.id()
                                + " version " + version.version() + " was already received with different content");
            }
        }
        IngestResult result;
        try {
            result = outcome.isRejected()
                    ? reject(submission, messageId, receivedAt, outcome)
                    : forward(submission, messageId, receivedAt, mappedAt, outcome, mapper);
        } catch (DataAccessException e) {
            // Only quarantine writes synchronously: rejected input that cannot be kept is not taken.
            result = trackingUnavailable(messageId, e);
        }
        try {
            settle(submission, key, version, result);
        } catch (DataAccessException e) {
            // The record is durable (or rejected) already; a re-send before the entry is settled gets a 503.
            log.error("idempotency entry of {} not settled: {}", messageId, e.getClass().getSimpleName());
        }
        return result;
    }

    /** Stores the answer under the claimed key and source version, or gives them up when nothing was accepted. */
    private void settle(Submission submission, String key, SourceVersion version, IngestResult result) {
        boolean unavailable = result.outcome() == IngestResult.Outcome.UNAVAILABLE;
        int status = result.outcome() == IngestResult.Outcome.ACCEPTED ? 202 : 422;
        if (key != null) {
            if (unavailable) {
                idempotency.release(submission.force(), submission.system(), key);
            } else {
                idempotency.complete(submission.force(), submission.system(), key, status,
                        write(result.acknowledgement()));
            }
        }
        if (version != null) {
            if (unavailable) {
                idempotency.releaseSourceVersion(submission.force(), submission.system(), version.id(),
                        version.version());
            } else {
                idempotency.completeSourceVersion(submission.force(), submission.system(), version.id(),
                        version.version(), status, write(result.acknowledgement()));
            }
        }
    }

    private static IngestResult trackingUnavailable(String messageId, DataAccessException e) {
        log.error("record {} not taken: the tracking database did not answer the idempotency check: {}", messageId,
                e.getClass().getSimpleName());
        return IngestResult.unavailable("the hub could not check for a duplicate; nothing was accepted, retry");
    }

    /**
     * A record's identity in its source system, for idempotency without an Idempotency-Key: present only
     * when the record names both its source record id and version (docs/decisions/0013).
     */
    private record SourceVersion(String id, int version) {

        static SourceVersion of(CanonicalRecord record) {
            String id = record.envelope().sourceRecordId();
            Integer version = record.envelope().sourceVersion();
            return id == null || version == null || id.length() > 200 ? null : new SourceVersion(id, version);
        }
    }

    /** Makes the record durable, then records its first steps with the times they happened. */
    /**
     * Cuts a file dropped for a force's system into records, each to be submitted on its own; or says
     * why the file as a whole cannot be read.
     */
    public FileSplit split(String force, String systemId, byte[] file) {
        SourceSystem system = registry.system(force, systemId)
                .orElseThrow(() -> new IllegalArgumentException("system is not registered for the force"));
        return mapperOf(force, system).split(file);
    }

    private SourceMapper mapperOf(String force, SourceSystem system) {
        return mappers.forSystem(force, system)
                .orElseThrow(() -> new IllegalStateException("no mapping for family " + system.family()));
    }

    private IngestResult forward(Submission submission, String messageId, Instant receivedAt, Instant mappedAt,
            MappingOutcome outcome, SourceMapper mapper) {
        CanonicalRecord record = outcome.record();
        JsonNode tree = CanonicalJson.mapper().valueToTree(record);
        String json = write(tree);
        String recordType = tree.path("envelope").path("recordType").asText();
        try {
            ingestQueue.send(json, IngestQueue.headers(messageId, submission.force(), submission.system(), recordType,
                    Subjects.of(record)));
        } catch (RuntimeException e) {
            log.error("record {} from {}/{} could not be made durable: {}", messageId, submission.force(),
                    submission.system(), e.getMessage());
            return IngestResult.unavailable("the record could not be made durable; nothing was accepted, retry");
        }
        Acknowledgement.Status status = outcome.exceptions().isEmpty()
                ? Acknowledgement.Status.ACCEPTED : Acknowledgement.Status.ACCEPTED_WITH_EXCEPTIONS;
        journey.message(new JourneyRecorder.MessageRow(messageId, submission.force(), submission.system(), recordType,
                record.envelope().sourceRecordId(), record.envelope().sourceVersion(), status.name(), receivedAt,
                write(outcome.exceptions()), BusinessKeys.of(tree)));
        MappingRef mapping = record.envelope().mapping();
        journey.payload(new JourneyRecorder.PayloadRow(messageId, submission.force(), recordType, receivedAt,
                submission.contentType(), submission.payload(), json, mapping == null ? null : mapping.id(),
                mapping == null ? null : mapping.version()));
        recordReceived(submission, messageId, receivedAt);
        journey.event(messageId, mappedAt, "mapped", "mapping " + mapper.family() + " v"
                + record.envelope().mapping().version(), null, "canonical " + recordType + " record, "
                + outcome.exceptions().size() + " exception(s)");
        if (!outcome.exceptions().isEmpty()) {
            journey.event(messageId, mappedAt, "exceptions", "mapping " + mapper.family(), null,
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
     * The first request's answer, once it has one; a different body under the same key (or source record
     * id and version) is a conflict.
     */
    private IngestResult answerAgain(IdempotencyStore.Entry earlier, String bodySha256,
            Supplier<Optional<IdempotencyStore.Entry>> reread, String conflict) {
        if (!earlier.bodySha256().equals(bodySha256)) {
            return IngestResult.conflict(conflict);
        }
        long deadline = System.currentTimeMillis() + IDEMPOTENT_WAIT_MILLIS;
        IdempotencyStore.Entry entry = earlier;
        while (entry.answer() == null && System.currentTimeMillis() < deadline) {
            sleepBriefly();
            entry = reread.get().orElse(entry);
        }
        if (entry.answer() == null) {
            return IngestResult.unavailable("the first request for this record is still being processed");
        }
        try {
            return IngestResult.replayed(CanonicalJson.mapper().readValue(entry.answer(), Acknowledgement.class),
                    entry.httpStatus());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answer for message " + entry.messageId() + " is not readable", e);
        }
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
