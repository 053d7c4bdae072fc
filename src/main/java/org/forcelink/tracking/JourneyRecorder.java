package org.forcelink.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes journey rows off the hot path: callers enqueue and return, one writer thread stores them in
 * batches, in order. A batch that cannot be written is retried until it is; when the queue is full,
 * callers wait, so the pipeline slows down rather than forgets.
 */
public class JourneyRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyRecorder.class);
    private static final int QUEUE_CAPACITY = 100_000;

    /** A record the hub answered for, with the business keys it can be found by. */
    public record MessageRow(String messageId, String force, String system, String recordType,
            String sourceRecordId, Integer sourceVersion, String status, Instant receivedAt, String exceptionsJson,
            Map<String, List<String>> businessKeys) {}

    /** The field lineage of an accepted record, as a JSON array of {field, source, rule, mapping}. */
    public record LineageRow(String messageId, String lineageJson) {}

    /** One step of a record's journey. {@code recipient} is set for per-recipient steps. */
    public record EventRow(String messageId, Instant at, String type, String actor, String recipient, String detail) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean running;
    private volatile boolean writing;
    private Thread writer;

    public JourneyRecorder(JdbcTemplate jdbc, TransactionTemplate transactions, int batchSize) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batchSize = batchSize;
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

    private void put(Object row) {
        try {
            queue.put(row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a journey event", e);
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing = true;
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                writeUntilStored(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                writing = false;
            }
        }
    }

    private void writeUntilStored(List<Object> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                transactions.executeWithoutResult(status -> write(batch));
                return;
            } catch (RuntimeException e) {
                log.error("journey batch of {} rows not written, retrying in {} ms: {}", batch.size(), backoff,
                        e.getClass().getSimpleName());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void write(List<Object> batch) {
        List<Object[]> messages = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<Object[]> lineage = new ArrayList<>();
        for (Object row : batch) {
            if (row instanceof MessageRow m) {
                messages.add(new Object[] {m.messageId(), m.force(), m.system(), m.recordType(), m.sourceRecordId(),
                        m.sourceVersion(), m.status(), Timestamp.from(m.receivedAt()), m.exceptionsJson()});
                m.businessKeys().forEach((type, values) -> values.stream().distinct()
                        .forEach(value -> keys.add(new Object[] {m.messageId(), type, value})));
            } else if (row instanceof EventRow e) {
                events.add(new Object[] {e.messageId(), Timestamp.from(e.at()), e.type(), e.actor(), e.recipient(),
                        e.detail()});
            } else if (row instanceof LineageRow l) {
                lineage.add(new Object[] {l.messageId(), l.lineageJson()});
            }
        }
        if (!messages.isEmpty()) {
            jdbc.batchUpdate("insert into message (message_id, force_code, system_id, record_type, source_record_id,"
                    + " source_version, status, received_at, exceptions) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", messages);
        }
        if (!keys.isEmpty()) {
            jdbc.batchUpdate("insert into business_key (message_id, key_type, key_value) values (?, ?, ?)", keys);
        }
        if (!lineage.isEmpty()) {
            jdbc.batchUpdate("insert into message_lineage (message_id, lineage) values (?, ?)", lineage);
        }
        if (!events.isEmpty()) {
            jdbc.batchUpdate("insert into journey_event (message_id, at, type, actor, recipient, detail)"
                    + " values (?, ?, ?, ?, ?, ?)", events);
        }
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "journey-writer");
        writer.setDaemon(false);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when every row handed in so far has been written. */
    public boolean isIdle() {
        return queue.isEmpty() && !writing;
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
