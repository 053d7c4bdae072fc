package org.forcelink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnswerWriterTest {

    /** Records each completeAll call: its answers' keys and the thread that made it. */
    static final class RecordingStore extends IdempotencyStore {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final StoreGate gate = new StoreGate();

        RecordingStore() {
            super(null);
        }

        @Override
        public void completeAll(List<? extends Answer> answers) {
            gate.pass();
            batches.add(answers.stream().map(a -> a instanceof Completion c ? c.key()
                    : ((VersionCompletion) a).sourceRecordId() + "/" + ((VersionCompletion) a).version()).toList());
            threads.add(Thread.currentThread().getName());
        }

        List<String> keys() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).toList();
            }
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final AnswerWriter writer = new AnswerWriter(store);

    @AfterEach
    void stop() {
        store.gate.release();
        writer.close();
    }

    private static IdempotencyStore.Completion answer(String key) {
        return new IdempotencyStore.Completion("kent", "custody", key, 202, "{\"messageId\":\"" + key + "\"}");
    }

    @Test
    void notStartedItStoresEachAnswerAtOnceOnTheCallersThread() {
        writer.store(answer("k1"));

        assertThat(store.batches).containsExactly(List.of("k1"));
        assertThat(store.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void startedItStoresAnswersQueuedMeanwhileTogetherOnItsOwnThread() {
        store.gate.hold();
        writer.start();
        writer.store(answer("k1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.pending() == 0);
        // k1 is being written (held at the gate); these three queue behind it
        writer.store(answer("k2"));
        writer.store(answer("k3"));
        writer.store(answer("k4"));
        assertThat(store.batches).isEmpty();

        store.gate.release();

        await().atMost(Duration.ofSeconds(5)).until(() -> store.batches.size() == 2);
        assertThat(store.batches).containsExactly(List.of("k1"), List.of("k2", "k3", "k4"));
        assertThat(store.threads).containsOnly("answer-writer");
    }

    @Test
    void answersUnderSourceVersionsTravelInTheSameBatchesAsAnswersUnderKeys() {
        store.gate.hold();
        writer.start();
        writer.store(answer("k1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.pending() == 0);
        writer.store(new IdempotencyStore.VersionCompletion("kent", "custody", "KE-7", 2, 202, "{}"));
        writer.store(answer("k2"));

        store.gate.release();

        await().atMost(Duration.ofSeconds(5)).until(() -> store.batches.size() == 2);
        assertThat(store.batches).containsExactly(List.of("k1"), List.of("KE-7/2", "k2"));
    }

    @Test
    void aBatchHoldsAtMostFiveHundredAnswersAndKeepsTheirOrder() {
        store.gate.hold();
        writer.start();
        writer.store(answer("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.pending() == 0);
        List<String> keys = IntStream.range(0, 1_200).mapToObj(i -> "k" + i).toList();
        keys.forEach(key -> writer.store(answer(key)));

        store.gate.release();

        await().atMost(Duration.ofSeconds(5)).until(() -> store.keys().size() == 1_201);
        assertThat(store.batches.stream().map(List::size).toList()).containsExactly(1, 500, 500, 200);
        assertThat(store.keys().subList(1, 1_201)).isEqualTo(keys);
    }

    @Test
    void closingStoresWhatIsStillQueued() throws InterruptedException {
        store.gate.hold();
        writer.start();
        writer.store(answer("k1"));
        writer.store(answer("k2"));
        Thread closer = new Thread(writer::close, "closer");
        closer.start();
        // close waits for the writer thread, which is held at the gate with what it has taken
        await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(store.batches).isEmpty();

        store.gate.release();
        closer.join(10_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(store.keys()).containsExactly("k1", "k2");
        // after close, answers are stored on the caller's thread again
        writer.store(answer("k3"));
        assertThat(store.keys()).containsExactly("k1", "k2", "k3");
        assertThat(store.threads.get(store.threads.size() - 1)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aFullQueueStoresOnTheCallersThreadInsteadOfGrowing() {
        store.gate.hold();
        writer.start();
        writer.store(answer("held"));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.pending() == 0);
        for (int i = 0; i < AnswerWriter.CAPACITY; i++) {
            writer.store(answer("q" + i));
        }
        assertThat(writer.pending()).isEqualTo(AnswerWriter.CAPACITY);
        CountDownLatch held = store.gate.passLaterCalls();

        writer.store(answer("overflow"));

        assertThat(store.batches).containsExactly(List.of("overflow"));
        assertThat(store.threads).containsExactly(Thread.currentThread().getName());
        held.countDown();
        writer.close();
        assertThat(store.keys()).hasSize(AnswerWriter.CAPACITY + 2);
    }

    @Test
    void aDatabaseFailureLosesOnlyThatBatchAndTheWriterGoesOn() {
        writer.start();
        store.gate.failing(true);
        writer.store(answer("lost"));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.gate.failures() == 1);
        store.gate.failing(false);

        writer.store(answer("kept"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !store.batches.isEmpty());
        assertThat(store.batches).containsExactly(List.of("kept"));
    }
}
