package org.forcelink.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes journey rows off the hot path: callers enqueue and return, one writer thread stores them in
 * batches, in order, waiting up to a linger time for a batch to fill. When the database is away the
 * writer spools batches to local disk and drains them once it is back (also after a restart), so an
 * outage neither blocks the pipeline nor loses rows; a row the database refuses on its own is set aside
 * on disk rather than holding up the rest. When memory or disk is full, callers wait: the pipeline slows
 * down rather than forgets. Stopping writes (or spools) everything handed in. What a hard crash can lose
 * is in docs/decisions/0011.
 */
public class JourneyRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyRecorder.class);
    private static final int QUEUE_CAPACITY = 100_000;
    private static final long DEFAULT_BUFFERED_BYTES = 64L * 1024 * 1024;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final int KNOWN_SHAPES = 10_000;
    private static final int RECENT_LINEAGES = 256;
    private static final long LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A record the hub answered for, with the business keys it can be found by. */
    public record MessageRow(String messageId, String force, String system, String recordType,
            String sourceRecordId, Integer sourceVersion, String status, Instant receivedAt, String exceptionsJson,
            Map<String, List<String>> businessKeys) {}

    /** The field lineage of an accepted record, as a JSON array of {field, source, rule, mapping}. */
    public record LineageRow(String messageId, String lineageJson) {}

    /** One step of a record's journey. {@code recipient} is set for per-recipient steps. */
    public record EventRow(String messageId, Instant at, String type, String actor, String recipient, String detail) {}

    /**
     * What a record contained: the input as received and the canonical record made of it, with the
     * mapping that made it. Kept until the payload retention period of its record type ends.
     */
    public record PayloadRow(String messageId, String force, String recordType, Instant receivedAt,
            String contentType, byte[] raw, String canonicalJson, String mappingId, String mappingVersion) {}

    /** One delivery for the delivery log: recipient, rule, policy version and the canonical record sent. */
    public record DeliveryRow(String messageId, String recipient, Instant at, String subscriptionRule,
            String policyVersion, String contentSha256, String content, String replayJob) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final long lingerNanos;
    private final JourneySpool spool;
    private final int maxBufferedBytes;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    /** Lineages known to be stored in lineage_shape (committed), by SHA-256; used by the writer thread only. */
    private final Set<String> storedShapes = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KNOWN_SHAPES;
        }
    });
    /**
     * The SHA-256 of recent lineages by their text, so the many records of one mapping that share a lineage
     * are looked up rather than hashed each (a lineage is a few kilobytes, so only a few hundred are kept);
     * used by the writer thread only.
     */
    private final Map<String, String> shapeHashes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > RECENT_LINEAGES;
        }
    };
    private final Semaphore bufferedBytes;
    /** Rows handed in and not yet written or spooled. */
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private Thread writer;
    private long backoffMillis;
    private long nextDatabaseAttempt;

    /** A writer without a spool: while the database is away it retries, and callers wait once the queue is full. */
    public JourneyRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, int batchSize) {
        this(jdbc, transactions, batchSize, null, DEFAULT_BUFFERED_BYTES, Duration.ZERO);
    }

    public JourneyRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, int batchSize, JourneySpool spool,
            long maxBufferedBytes, Duration linger) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.spool = spool;
        this.maxBufferedBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBufferedBytes));
        this.bufferedBytes = new Semaphore(this.maxBufferedBytes);
    }

    public void message(MessageRow row) {
        put(row);
    }

    public void lineage(String messageId, String lineageJson) {
        put(new LineageRow(messageId, lineageJson));
    }

    public void event(String messageId, String type, String actor, String recipient, String detail) {
        event(messageId, Instant.now(), type, actor, recipient, detail);
    }

    /** Records a step that happened at {@code at}; journeys list steps in time order. */
    public void event(String messageId, Instant at, String type, String actor, String recipient, String detail) {
        put(new EventRow(messageId, at, type, actor, recipient, detail));
    }

    public void payload(PayloadRow row) {
        put(row);
    }

    public void delivery(DeliveryRow row) {
        put(row);
    }

    private void put(Object row) {
        try {
            bufferedBytes.acquire(weight(row));
            pending.incrementAndGet();
            queue.put(row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a journey event", e);
        }
    }

    /** Bytes a row holds in memory, as far as the buffer limit is concerned (large rows count in full). */
    private int weight(Object row) {
        long bytes = 0;
        if (row instanceof PayloadRow p) {
            bytes = (p.raw() == null ? 0 : p.raw().length) + (p.canonicalJson() == null ? 0 : p.canonicalJson().length());
        } else if (row instanceof DeliveryRow d) {
            bytes = d.content() == null ? 0 : d.content().length();
        }
        return (int) Math.min(maxBufferedBytes, bytes);
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(batchSize);
        while (true) {
            boolean stopping = !running;
            try {
                drainSpoolWhenDue();
                Object first = queue.poll(stopping ? 0 : 200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                linger(batch);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.error("journey writer interrupted with {} rows not written (messages {})", batch.size() + queue.size(),
                        messageIds(batch));
                return;
            } finally {
                batch.forEach(row -> bufferedBytes.release(weight(row)));
                pending.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /**
     * Waits up to the linger time for more rows before a batch that is not full is written, in slices so
     * that a stopping hub does not wait. Every commit makes the database store its changed pages, so fewer,
     * larger commits cost less per row than one commit per handful of rows trickling in.
     */
    private void linger(List<Object> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize && running) {
            long left = Math.min(deadline - System.nanoTime(), LINGER_SLICE_NANOS);
            if (left <= 0) {
                return;
            }
            Object next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                queue.drainTo(batch, batchSize - batch.size());
            }
        }
    }

    /** Writes a batch, or spools it while the database is away (keeping order behind earlier spooled rows). */
    private void store(List<Object> batch) throws InterruptedException {
        if (spool == null) {
            writeUntilStored(batch);
            return;
        }
        if (!spool.isEmpty() || System.currentTimeMillis() < nextDatabaseAttempt) {
            spoolUntilStored(batch);
            return;
        }
        try {
            writeBatch(batch);
            backoffMillis = 0;
        } catch (RuntimeException e) {
            if (databaseAnswers()) {
                writeOneByOne(batch);
            } else {
                databaseAway(batch.size(), e);
                spoolUntilStored(batch);
            }
        }
    }

    /** Without a spool: retry until written; callers wait once the queue is full. */
    private void writeUntilStored(List<Object> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                writeBatch(batch);
                return;
            } catch (RuntimeException e) {
                log.error("journey batch of {} rows not written, retrying in {} ms: {}", batch.size(), backoff,
                        e.getClass().getSimpleName());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void spoolUntilStored(List<Object> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                spool.append(batch);
                return;
            } catch (IOException e) {
                // Disk full or unwritable: hold on to the rows; the queue fills and callers slow down.
                log.error("journey batch of {} rows could not be spooled to {}, retrying in {} ms: {}", batch.size(),
                        spool.dir(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void drainSpoolWhenDue() {
        if (spool == null || spool.isEmpty() || System.currentTimeMillis() < nextDatabaseAttempt) {
            return;
        }
        List<Path> files = spool.files();
        for (Path file : files) {
            List<Object> rows;
            try {
                rows = spool.read(file);
            } catch (IOException e) {
                log.error("spooled journey batch {} cannot be read; set aside: {}", file.getFileName(), e.getMessage());
                setAside(file);
                continue;
            }
            try {
                writeBatch(rows);
            } catch (RuntimeException e) {
                if (!databaseAnswers()) {
                    databaseAway(rows.size(), e);
                    return;
                }
                writeOneByOne(rows);
            }
            try {
                spool.delete(file);
            } catch (IOException e) {
                // Written but still on disk: it would be written again; message rows and keys are idempotent.
                log.error("spooled journey batch {} written but not deleted: {}", file.getFileName(), e.getMessage());
                return;
            }
        }
        backoffMillis = 0;
        log.info("journey spool drained: {} batch file(s) written to the database", files.size());
    }

    private void setAside(Path file) {
        try {
            spool.setAside(file);
        } catch (IOException e) {
            log.error("spooled journey batch {} cannot be set aside: {}", file.getFileName(), e.getMessage());
        }
    }

    /** The database answers but refuses the batch: isolate the rows it refuses and set them aside. */
    private void writeOneByOne(List<Object> batch) {
        for (Object row : batch) {
            try {
                writeBatch(List.of(row));
            } catch (RuntimeException e) {
                String reason = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
                log.error("journey row of message {} refused by the database; set aside in {}: {}", messageIdOf(row),
                        spool == null ? "the log" : spool.dir(), e.getClass().getSimpleName());
                if (spool != null) {
                    try {
                        spool.reject(row, reason);
                    } catch (IOException io) {
                        log.error("journey row of message {} could not be set aside: {}", messageIdOf(row), io.getMessage());
                    }
                }
            }
        }
    }

    private void databaseAway(int rows, RuntimeException e) {
        backoffMillis = backoffMillis == 0 ? 500 : Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        nextDatabaseAttempt = System.currentTimeMillis() + backoffMillis;
        log.warn("tracking database not reachable ({}); {} journey rows spooled to disk, next attempt in {} ms",
                e.getClass().getSimpleName(), rows, backoffMillis);
    }

    private boolean databaseAnswers() {
        try {
            jdbc.queryForObject("select 1", Integer.class);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void writeBatch(List<Object> batch) {
        Set<String> shapes = transactions.execute(status -> write(batch));
        // Only once committed: a batch rolled back must not leave a shape that later rows would point at.
        storedShapes.addAll(shapes);
    }

    /** Writes the batch's rows; returns the lineage shapes it stored. */
    private Set<String> write(List<Object> batch) {
        List<Object[]> messages = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> lineage = new ArrayList<>();
        List<Object[]> payloads = new ArrayList<>();
        List<Object[]> deliveries = new ArrayList<>();
        Map<List<String>, EventRow> latestDeliveryStep = new LinkedHashMap<>();
        Map<String, String> shapes = new LinkedHashMap<>();
        for (Object row : batch) {
            if (row instanceof MessageRow m) {
                messages.add(new Object[] {m.messageId(), cut(m.force(), 64), cut(m.system(), 64),
                        cut(m.recordType(), 32), cut(m.sourceRecordId(), 200), m.sourceVersion(), cut(m.status(), 32),
                        Timestamp.from(m.receivedAt()), m.exceptionsJson()});
                m.businessKeys().forEach((type, values) -> values.stream().distinct()
                        .filter(value -> value != null && !value.isBlank() && value.length() <= 200)
                        .forEach(value -> keys.add(new Object[] {m.messageId(), cut(type, 32), value})));
            } else if (row instanceof EventRow e) {
                events.add(new Object[] {e.messageId(), Timestamp.from(e.at()), cut(e.type(), 32), cut(e.actor(), 100),
                        cut(e.recipient(), 64), e.detail()});
                if (e.recipient() != null && DeliveryStates.of(e.type()) != null) {
                    latestDeliveryStep.merge(List.of(e.messageId(), e.recipient()), e,
                            (earlier, later) -> later.at().isBefore(earlier.at()) ? earlier : later);
                }
            } else if (row instanceof LineageRow l) {
                String shape = shapeHashes.computeIfAbsent(l.lineageJson(), Hashes::sha256);
                lineage.add(new Object[] {l.messageId(), shape});
                if (!storedShapes.contains(shape)) {
                    shapes.putIfAbsent(shape, l.lineageJson());
                }
            } else if (row instanceof PayloadRow p) {
                payloads.add(new Object[] {p.messageId(), cut(p.force(), 64), cut(p.recordType(), 32),
                        Timestamp.from(p.receivedAt()), cut(p.contentType(), 200), p.raw(), p.canonicalJson(),
                        cut(p.mappingId(), 100), cut(p.mappingVersion(), 32)});
            } else if (row instanceof DeliveryRow d) {
                deliveries.add(new Object[] {d.messageId(), cut(d.recipient(), 64), Timestamp.from(d.at()),
                        cut(d.subscriptionRule(), 500), cut(d.policyVersion(), 100), d.contentSha256(), d.content(),
                        d.replayJob()});
            }
        }
        // Message rows, keys and payloads may be written twice (a spooled batch whose deletion failed).
        if (!messages.isEmpty()) {
            jdbc.batchUpdate("insert into message (message_id, force_code, system_id, record_type, source_record_id,"
                    + " source_version, status, received_at, exceptions) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict do nothing", messages);
        }
        if (!keys.isEmpty()) {
            jdbc.batchUpdate("insert into business_key (message_id, key_type, key_value) values (?, ?, ?)"
                    + " on conflict do nothing", keys);
        }
        if (!payloads.isEmpty()) {
            jdbc.batchUpdate("insert into payload (message_id, force_code, record_type, received_at, content_type, raw,"
                    + " canonical, mapping_id, mapping_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict do nothing", payloads);
        }
        // Each distinct lineage once (records of one mapping share a few), each record pointing at its own.
        if (!shapes.isEmpty()) {
            jdbc.batchUpdate("insert into lineage_shape (shape_sha256, lineage) values (?, ?) on conflict do nothing",
                    shapes.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList());
        }
        if (!lineage.isEmpty()) {
            jdbc.batchUpdate("insert into message_lineage (message_id, shape_sha256) values (?, ?)", lineage);
        }
        if (!events.isEmpty()) {
            jdbc.batchUpdate("insert into journey_event (message_id, at, type, actor, recipient, detail)"
                    + " values (?, ?, ?, ?, ?, ?)", events);
        }
        if (!deliveries.isEmpty()) {
            jdbc.batchUpdate("insert into delivery_log (message_id, recipient, at, subscription_rule, policy_version,"
                    + " content_sha256, content, replay_job) values (?, ?, ?, ?, ?, ?, ?, ?)", deliveries);
        }
        DeliveryStates.apply(jdbc, latestDeliveryStep.values());
        return shapes.keySet();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String messageIdOf(Object row) {
        if (row instanceof MessageRow m) {
            return m.messageId();
        } else if (row instanceof EventRow e) {
            return e.messageId();
        } else if (row instanceof PayloadRow p) {
            return p.messageId();
        } else if (row instanceof DeliveryRow d) {
            return d.messageId();
        }
        return "?";
    }

    private static List<String> messageIds(List<Object> rows) {
        return rows.stream().map(JourneyRecorder::messageIdOf).distinct().limit(20).toList();
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "journey-writer");
        writer.setDaemon(false);
        writer.start();
    }

    /** Writes (or spools) every row handed in, then returns; gives up waiting after 30 s. */
    @Override
    public void stop() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            if (writer.isAlive()) {
                log.error("journey writer still busy after 30 s at shutdown; interrupting it");
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rows handed in and not yet taken by the writer into a batch. */
    int queued() {
        return queue.size();
    }

    /** True when every row handed in so far is in the database. */
    public boolean isIdle() {
        return pending.get() == 0 && (spool == null || spool.isEmpty());
    }

    /** Waits until every row handed in so far is in the database; false if that took longer than {@code max}. */
    public boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!isIdle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the routes (which record events) and before the data source. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
