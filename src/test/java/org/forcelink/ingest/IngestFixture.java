package org.forcelink.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.mapping.CanonicalJsonMapper;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.tracking.JourneyRecorder;
import org.forcelink.tracking.QuarantineStore;

/**
 * The real ingest gate (registry from config/, the canonical-json mapping, idempotency rules) over
 * in-memory stand-ins for the database and the broker, for channel tests: what reaches the ingest queue,
 * what is quarantined and which keys are held can be read back, and the broker can be made to refuse.
 */
public final class IngestFixture {

    /** Every record is received at this time, so expected canonical output can name it. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-28T22:00:00Z");

    public final ForceRegistry registry;
    public final RecordingQueue queue = new RecordingQueue();
    public final MemoryIdempotency idempotency = new MemoryIdempotency();
    public final MemoryQuarantine quarantine = new MemoryQuarantine();
    public final IngestService ingest;

    public IngestFixture() {
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        registry = ForceRegistry.load(Path.of("config/forces"), reference);
        CanonicalValidator validator = new CanonicalValidator(reference,
                CompletenessRules.load(Path.of("config/completeness.yaml")));
        ingest = new IngestService(registry, new SourceMappers(List.of(new CanonicalJsonMapper(validator))),
                idempotency, quarantine, new SilentJourney(), new NoJourneys(), queue, new ClaimBatcher(idempotency),
                new AnswerWriter(idempotency),
                Clock.fixed(RECEIVED_AT, ZoneOffset.UTC));
    }

    /** A golden case file of the canonical-json mapping folder. */
    public static byte[] caseFile(String caseName, String file) {
        try {
            return Files.readAllBytes(Path.of("mappings/canonical-json/cases", caseName, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden case's input on one line, as a line of a JSON Lines file. */
    public static String caseLine(String caseName) {
        try {
            return CanonicalJson.mapper().readTree(caseFile(caseName, "input.json")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden case's input on one line with another source record id, so many distinct records can be made. */
    public static String caseLine(String caseName, String sourceRecordId) {
        try {
            ObjectNode record = (ObjectNode) CanonicalJson.mapper().readTree(caseFile(caseName, "input.json"));
            ((ObjectNode) record.get("envelope")).put("sourceRecordId", sourceRecordId);
            return record.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact canonical JSON the ingest queue should get for a golden case submitted to a system. */
    public static String expectedCanonical(String caseName, String system, String messageId) {
        try {
            ObjectNode expected = (ObjectNode) CanonicalJson.mapper().readTree(caseFile(caseName, "expected.json"));
            ObjectNode envelope = (ObjectNode) expected.get("envelope");
            envelope.put("messageId", messageId);
            envelope.put("sourceSystem", system);
            return CanonicalJson.mapper().writeValueAsString(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ingest queue: keeps what it is sent, in order, with the number of broker transactions used. */
    public static final class RecordingQueue extends IngestQueue {

        public final List<Outgoing> sent = new CopyOnWriteArrayList<>();
        public final List<Integer> transactions = new CopyOnWriteArrayList<>();
        public volatile boolean refuse;

        RecordingQueue() {
            super(null, null);
        }

        @Override
        public void send(String canonicalJson, Map<String, Object> headers) {
            if (refuse) {
                throw new IllegalStateException("broker down");
            }
            sent.add(new Outgoing(canonicalJson, headers));
            transactions.add(1);
        }

        @Override
        public void sendAll(List<Outgoing> records) {
            if (refuse) {
                throw new IllegalStateException("broker down");
            }
            sent.addAll(records);
            transactions.add(records.size());
        }

        /** The body sent with the given message id. */
        public String body(String messageId) {
            return sent.stream().filter(o -> messageId.equals(o.headers().get("forcelinkMessageId")))
                    .map(Outgoing::body).findFirst()
                    .orElseThrow(() -> new AssertionError("nothing sent as " + messageId));
        }
    }

    /** Idempotency keys in memory, with the same first-claim-wins rule. */
    public static final class MemoryIdempotency extends IdempotencyStore {

        public final Map<String, Entry> keys = new HashMap<>();

        MemoryIdempotency() {
            super(null);
        }

        @Override
        public synchronized Optional<Entry> claim(String force, String system, String key, String bodySha256,
                String messageId) {
            Entry earlier = keys.putIfAbsent(force + "/" + system + "/" + key,
                    new Entry(bodySha256, messageId, null, null, RECEIVED_AT));
            return Optional.ofNullable(earlier);
        }

        @Override
        public synchronized List<Optional<Entry>> claimAll(List<Claim> claims) {
            return claims.stream().map(c -> claim(c.force(), c.system(), c.key(), c.bodySha256(), c.messageId()))
                    .toList();
        }

        @Override
        public synchronized Optional<Entry> find(String force, String system, String key) {
            return Optional.ofNullable(keys.get(force + "/" + system + "/" + key));
        }

        @Override
        public synchronized void complete(String force, String system, String key, int httpStatus, String answer) {
            keys.computeIfPresent(force + "/" + system + "/" + key,
                    (k, e) -> new Entry(e.bodySha256(), e.messageId(), httpStatus, answer, e.createdAt()));
        }

        @Override
        public synchronized void completeAll(List<? extends Answer> answers) {
            for (Answer answer : answers) {
                if (answer instanceof Completion a) {
                    complete(a.force(), a.system(), a.key(), a.httpStatus(), a.answer());
                } else if (answer instanceof VersionCompletion a) {
                    completeSourceVersion(a.force(), a.system(), a.sourceRecordId(), a.version(), a.httpStatus(),
                            a.answer());
                }
            }
        }

        /** Source record versions, with the same first-claim-wins rule. */
        public final Map<String, Entry> versions = new HashMap<>();

        @Override
        public synchronized Optional<Entry> claimSourceVersion(String force, String system, String sourceRecordId,
                int version, String bodySha256, String messageId) {
            return Optional.ofNullable(versions.putIfAbsent(force + "/" + system + "/" + sourceRecordId + "/" + version,
                    new Entry(bodySha256, messageId, null, null, RECEIVED_AT)));
        }

        @Override
        public synchronized Optional<Entry> findSourceVersion(String force, String system, String sourceRecordId,
                int version) {
            return Optional.ofNullable(versions.get(force + "/" + system + "/" + sourceRecordId + "/" + version));
        }

        @Override
        public synchronized void completeSourceVersion(String force, String system, String sourceRecordId,
                int version, int httpStatus, String answer) {
            versions.computeIfPresent(force + "/" + system + "/" + sourceRecordId + "/" + version,
                    (k, e) -> new Entry(e.bodySha256(), e.messageId(), httpStatus, answer, e.createdAt()));
        }

        @Override
        public synchronized void releaseSourceVersion(String force, String system, String sourceRecordId,
                int version) {
            versions.remove(force + "/" + system + "/" + sourceRecordId + "/" + version);
        }

        @Override
        public synchronized void giveUp(String force, String system, String key) {
            keys.computeIfPresent(force + "/" + system + "/" + key,
                    (k, e) -> e.answer() == null ? new Entry(e.bodySha256(), e.messageId(), GAVE_UP, null,
                            e.createdAt()) : e);
        }

        @Override
        public synchronized boolean takeOver(String force, String system, String key, Instant staleBefore) {
            Entry entry = keys.get(force + "/" + system + "/" + key);
            if (entry == null || entry.answer() != null || !(Integer.valueOf(GAVE_UP).equals(entry.httpStatus())
                    || entry.createdAt().isBefore(staleBefore))) {
                return false;
            }
            keys.put(force + "/" + system + "/" + key, new Entry(entry.bodySha256(), entry.messageId(), null, null,
                    Instant.now()));
            return true;
        }
    }

    /** No journeys are stored, so none is found. */
    static final class NoJourneys extends org.forcelink.tracking.JourneyQueries {
        NoJourneys() {
            super(null);
        }

        @Override
        public Optional<org.forcelink.tracking.Journey> find(String messageId) {
            return Optional.empty();
        }
    }

    /** Quarantine in memory. */
    public static final class MemoryQuarantine extends QuarantineStore {

        /** A kept input: who sent it, why it was kept and its bytes as text. */
        public record Kept(String messageId, String force, String system, String contentType, String reason,
                String payload) {}

        public final List<Kept> kept = new CopyOnWriteArrayList<>();

        MemoryQuarantine() {
            super(null);
        }

        @Override
        public void keep(String messageId, String force, String system, Instant receivedAt, String contentType,
                String reason, byte[] payload) {
            kept.add(new Kept(messageId, force, system, contentType, reason, new String(payload,
                    StandardCharsets.UTF_8)));
        }
    }

    /** Journeys are the tracking store's concern; channel tests do not read them. */
    private static final class SilentJourney extends JourneyRecorder {

        SilentJourney() {
            super(null, null, 1);
        }

        @Override
        public void message(MessageRow row) {}

        @Override
        public void event(String messageId, Instant at, String type, String actor, String recipient, String detail) {}
    }

    /** Lines joined as a JSON Lines file. */
    public static byte[] jsonLines(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
