package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCollectorTest {

    private static final QueryTarget KENT = new QueryTarget("kent", "custody", null, "http://k", 1000, null, null);
    private static final QueryTarget ESSEX = new QueryTarget("essex", "custody", null, "http://e", 1000, null, null);

    @Test
    void anAnswerLaterThanItsSystemsTimeoutIsATimeoutAndItsRecordsAreNotUsed() throws InterruptedException {
        SearchCollector collector = new SearchCollector("s-1", 2);

        collector.offer(KENT, new ForceOutcome.Answered("kent", "custody", List.of(), 0, Instant.EPOCH, 1000));
        collector.offer(ESSEX, new ForceOutcome.Answered("essex", "custody", List.of(), 0, Instant.EPOCH, 1001));

        Map<String, ForceOutcome> outcomes = collector.awaitAndClose(System.nanoTime());
        assertThat(outcomes.get("kent/custody")).isInstanceOf(ForceOutcome.Answered.class);
        assertThat(outcomes.get("essex/custody")).isEqualTo(new ForceOutcome.Missing("essex", "custody",
                ForceOutcome.Reason.TIMEOUT, "answered after 1001 ms, later than its timeout of 1000 ms; the answer "
                        + "was not used", 1001));
    }

    @Test
    void waitsNoLongerThanUntilEveryOutcomeIsInAndTakesNothingOnceClosed() throws InterruptedException {
        SearchCollector collector = new SearchCollector("s-2", 1);
        collector.offer(KENT, new ForceOutcome.Missing("kent", "custody", ForceOutcome.Reason.FAILED, "HTTP 500", 3));

        long started = System.nanoTime();
        Map<String, ForceOutcome> outcomes = collector.awaitAndClose(started + 60_000_000_000L);

        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
        assertThat(outcomes).containsOnlyKeys("kent/custody");
        assertThat(collector.isClosed()).isTrue();
        assertThat(collector.offer(ESSEX, new ForceOutcome.Answered("essex", "custody", List.of(), 0, Instant.EPOCH,
                5))).isFalse();
        assertThat(collector.close()).containsOnlyKeys("kent/custody");
    }
}
