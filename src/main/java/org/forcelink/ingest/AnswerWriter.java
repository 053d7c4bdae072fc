package org.forcelink.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Stores the answers given to single submissions under their idempotency keys and source record
 * versions, many to a database transaction, on a thread of its own: a request is answered as soon as its
 * record is durable on the broker, not after another commit (the claims before the send stay on the
 * request).
 * A resend that comes before its answer is stored is answered from the record's journey, as when storing
 * an answer fails ({@link IngestService}); a resend whose first request is still in flight waits for either.
 *
 * <p>Not started, it stores each answer at once on the caller's thread. A full queue does the same, so
 * answers never pile up beyond {@value #CAPACITY}. Stopping stores what is queued before it returns.
 */
public final class AnswerWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnswerWriter.class);
    static final int CAPACITY = 10_000;
    static final int BATCH_SIZE = 500;

    private final IdempotencyStore store;
    private final BlockingQueue<IdempotencyStore.Answer> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile Thread writer;
    private volatile boolean running;

    public AnswerWriter(IdempotencyStore store) {
        this.store = store;
    }

    /** Starts the writer thread; until then (and after {@link #close}) answers are stored on the caller's thread. */
    public synchronized void start() {
        if (writer != null) {
            return;
        }
        running = true;
        writer = new Thread(this::writeLoop, "answer-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stores the answer soon (started) or now (not started, or the queue is full); never throws for the database. */
    public void store(IdempotencyStore.Answer answer) {
        if (running && queue.offer(answer)) {
            return;
        }
        write(List.of(answer));
    }

    /** Answers accepted but not yet stored. */
    public int pending() {
        return queue.size();
    }

    /** Stops the thread once every queued answer is stored (at most a minute). */
    @Override
    public synchronized void close() {
        Thread thread = writer;
        if (thread == null) {
            return;
        }
        running = false;
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer = null;
        List<IdempotencyStore.Answer> left = new ArrayList<>();
        queue.drainTo(left);
        write(left);
    }

    private void writeLoop() {
        List<IdempotencyStore.Answer> batch = new ArrayList<>(BATCH_SIZE);
        while (running || !queue.isEmpty()) {
            try {
                IdempotencyStore.Answer first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_SIZE - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<IdempotencyStore.Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        try {
            store.completeAll(answers);
        } catch (DataAccessException e) {
            log.error("{} answers not stored under their idempotency keys or source versions ({}); resends are"
                    + " answered from their journeys", answers.size(), e.getClass().getSimpleName());
        }
    }
}
