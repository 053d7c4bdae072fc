package org.forcelink.ingest;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Stores the answers given to single submissions under their idempotency keys and source record
 * versions, many to a database transaction, on a thread of its own: a request is answered as soon as its
 * record is durable on the broker, not after another commit (the claims before the send stay on the
 * request). A resend that comes before its answer is stored is answered from the record's journey, as
 * when storing an answer fails ({@link IngestService}); a resend whose first request is still in flight
 * waits for either.
 *
 * <p>Not started, it stores each answer at once on the caller's thread. A full queue does the same, so
 * answers never pile up beyond {@value #CAPACITY}. Stopping stores what is queued before it returns.
 */
public final class AnswerWriter extends BatchWorker<IdempotencyStore.Answer> {

    private static final Logger log = LoggerFactory.getLogger(AnswerWriter.class);
    static final int CAPACITY = 10_000;
    static final int BATCH_SIZE = 500;

    private final IdempotencyStore store;

    public AnswerWriter(IdempotencyStore store) {
        super("answer-writer", CAPACITY, BATCH_SIZE);
        this.store = store;
    }

    /** Stores the answer soon (started) or now (not started, or the queue is full); never throws for the database. */
    public void store(IdempotencyStore.Answer answer) {
        if (!offer(answer)) {
            handle(List.of(answer));
        }
    }

    @Override
    void handle(List<IdempotencyStore.Answer> answers) {
        try {
            store.completeAll(answers);
        } catch (DataAccessException e) {
            log.error("{} answers not stored under their idempotency keys or source versions ({}); resends are"
                    + " answered from their journeys", answers.size(), e.getClass().getSimpleName());
        }
    }
}
