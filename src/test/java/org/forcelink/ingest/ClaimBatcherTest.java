package org.forcelink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class ClaimBatcherTest {

    /** Keys in memory, first claim wins; records each call's keys and thread, and can hold or fail a call. */
    static final class RecordingStore extends IdempotencyStore {
        final Map<String, Entry> keys = new HashMap<>();
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final StoreGate gate = new StoreGate();

        RecordingStore() {
            super(null);
        }

        @Override
        public synchronized Optional<Entry> claim(String force, String system, String key, String bodySha256,
                String messageId) {
            return claimAll(List.of(new Claim(force, system, key, bodySha256, messageId))).get(0);
        }

        @Override
        public List<Optional<Entry>> claimAll(List<Claim> claims) {
            gate.pass();
            synchronized (this) {
                batches.add(claims.stream().map(Claim::key).toList());
                threads.add(Thread.currentThread().getName());
                return claims.stream().map(c -> Optional.ofNullable(keys.putIfAbsent(c.key(),
                        new Entry(c.bodySha256(), c.messageId(), null, null, Instant.EPOCH)))).toList();
            }
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final ClaimBatcher batcher = new ClaimBatcher(store);

    @AfterEach
    void stop() {
        store.gate.release();
        batcher.close();
    }

    private static IdempotencyStore.Claim claim(String key, String messageId) {
        return new IdempotencyStore.Claim("kent", "custody", key, "sha-" + messageId, messageId);
    }

    private CompletableFuture<Optional<IdempotencyStore.Entry>> claimAsync(String key, String messageId) {
        return CompletableFuture.supplyAsync(() -> batcher.claim(claim(key, messageId)));
    }

    @Test
    void notStartedItClaimsAtOnceOnTheCallersThread() {
        assertThat(batcher.claim(claim("k1", "m1"))).isEmpty();

        assertThat(store.batches).containsExactly(List.of("k1"));
        assertThat(store.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void claimsArrivingDuringACommitAreMadeTogetherAndEachCallerGetsItsOwnOutcome() {
        store.gate.hold();
        batcher.start();
        CompletableFuture<Optional<IdempotencyStore.Entry>> first = claimAsync("k1", "m1");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.threads.isEmpty() && batcherIsHoldingOneClaim());
        // k1 is being committed (held at the gate); these three queue behind it, one of them k1 again
        CompletableFuture<Optional<IdempotencyStore.Entry>> second = claimAsync("k2", "m2");
        CompletableFuture<Optional<IdempotencyStore.Entry>> again = claimAsync("k1", "m3");
        CompletableFuture<Optional<IdempotencyStore.Entry>> third = claimAsync("k3", "m4");
        await().atMost(Duration.ofSeconds(5)).until(() -> queued() == 3);

        store.gate.release();

        assertThat(first.join()).isEmpty();
        assertThat(second.join()).isEmpty();
        assertThat(third.join()).isEmpty();
        assertThat(again.join()).hasValueSatisfying(entry -> assertThat(entry.messageId()).isEqualTo("m1"));
        assertThat(store.batches).hasSize(2);
        assertThat(store.batches.get(0)).containsExactly("k1");
        assertThat(store.batches.get(1)).containsExactlyInAnyOrder("k2", "k1", "k3");
        assertThat(store.threads).containsOnly("claim-batcher");
    }

    @Test
    void aFailedCommitFailsEveryClaimInItWithTheDatabaseError() {
        store.gate.failing(true);
        batcher.start();

        assertThatThrownBy(() -> batcher.claim(claim("k1", "m1")))
                .isInstanceOf(DataAccessResourceFailureException.class).hasMessage("database away");

        store.gate.failing(false);
        assertThat(batcher.claim(claim("k1", "m2"))).isEmpty();
        assertThat(store.batches).containsExactly(List.of("k1"));
    }

    @Test
    void closingMakesTheClaimsStillQueuedAndLaterClaimsAreMadeOnTheCallersThread() throws InterruptedException {
        store.gate.hold();
        batcher.start();
        CompletableFuture<Optional<IdempotencyStore.Entry>> first = claimAsync("k1", "m1");
        await().atMost(Duration.ofSeconds(5)).until(this::batcherIsHoldingOneClaim);
        CompletableFuture<Optional<IdempotencyStore.Entry>> second = claimAsync("k2", "m2");
        await().atMost(Duration.ofSeconds(5)).until(() -> queued() == 1);
        Thread closer = new Thread(batcher::close, "closer");
        closer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);

        store.gate.release();
        closer.join(10_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(first.join()).isEmpty();
        assertThat(second.join()).isEmpty();
        assertThat(batcher.claim(claim("k3", "m3"))).isEmpty();
        assertThat(store.threads.get(store.threads.size() - 1)).isEqualTo(Thread.currentThread().getName());
    }

    /** The claiming thread has taken a claim and is held at the gate with it. */
    private boolean batcherIsHoldingOneClaim() {
        return queued() == 0 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("claim-batcher") && t.getState() == Thread.State.TIMED_WAITING
                        && store.gate.holding() && holdsGate(t));
    }

    private static boolean holdsGate(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("claimAll")) {
                return true;
            }
        }
        return false;
    }

    private int queued() {
        return batcher.pending();
    }
}
