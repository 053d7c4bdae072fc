package org.forcelink.ingest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Claims the idempotency keys of concurrent single submissions together: the requests that arrive while
 * one transaction of claims is being committed go into the next, on a thread of its own, and each
 * request waits for its own claim's outcome. Every commit makes the tracking database store what changed,
 * so 32 clients claiming at once cost a handful of commits instead of 32. A claim means what
 * {@link IdempotencyStore#claim} means (the first of two requests with one key wins, also within one
 * transaction: {@link IdempotencyStore#claimAll}).
 *
 * <p>Not started, it claims each key at once on the caller's thread; so does a full queue. A caller
 * waits at most {@value #WAIT_SECONDS} s; then, as when the database fails, it gets a
 * {@link DataAccessException} (a 503 to the sender, whose claim may or may not have been stored: a resend
 * finds it and is answered as for any claim).
 */
public final class ClaimBatcher extends BatchWorker<ClaimBatcher.Waiting> {

    static final int CAPACITY = 1_000;
    static final int BATCH_SIZE = 200;
    static final long WAIT_SECONDS = 30;

    /** A claim and the caller waiting for its outcome. */
    record Waiting(IdempotencyStore.Claim claim, CompletableFuture<Optional<IdempotencyStore.Entry>> outcome) {}

    private final IdempotencyStore store;

    public ClaimBatcher(IdempotencyStore store) {
        super("claim-batcher", CAPACITY, BATCH_SIZE);
        this.store = store;
    }

    /** Claims the key; returns the earlier entry when another request claimed it first. */
    public Optional<IdempotencyStore.Entry> claim(IdempotencyStore.Claim claim) {
        Waiting waiting = new Waiting(claim, new CompletableFuture<>());
        if (!offer(waiting)) {
            return store.claim(claim.force(), claim.system(), claim.key(), claim.bodySha256(), claim.messageId());
        }
        try {
            return waiting.outcome().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while claiming an idempotency key", e);
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("no idempotency claim within " + WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("idempotency claim failed", e.getCause());
        }
    }

    @Override
    void handle(List<Waiting> batch) {
        try {
            List<Optional<IdempotencyStore.Entry>> outcomes = store.claimAll(batch.stream().map(Waiting::claim).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(waiting -> waiting.outcome().completeExceptionally(e));
        }
    }
}
