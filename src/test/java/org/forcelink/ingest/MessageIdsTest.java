package org.forcelink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheTimeTheyWereMade() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(MessageIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after + 1);
    }

    @Test
    void successiveIdsSortInTheOrderTheyWereMadeAsTextAndAreDistinct() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(MessageIds.next());
        }

        assertThat(ids).isSorted();
        assertThat(new HashSet<>(ids)).hasSize(20_000);
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void idsMadeOnSeveralThreadsAtOnceAreDistinct() throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    ids.add(MessageIds.next());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(new HashSet<>(ids)).hasSize(20_000);
    }
}
