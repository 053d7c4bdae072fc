package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash test 2: the standalone broker is killed with SIGKILL in the middle of a stream of 5,000
 * records and started again on the same journal. While it is away the HTTP source answers 503 (nothing
 * accepted) and the sender retries with the same Idempotency-Key; the hub reconnects by itself. Every
 * record the hub accepted reaches every recipient entitled to it.
 */
class BrokerCrashIT extends CrashTestSupport {

    private static final int RECORDS = 5_000;

    private StandaloneBroker broker;
    private HubProcess hub;

    @AfterEach
    void stopEverything() {
        if (hub != null) {
            hub.killHard();
        }
        if (broker != null) {
            broker.killHard();
        }
    }

    @Test
    void aBrokerKilledMidStreamLosesNoAcceptedRecord() {
        Path run = Processes.runDir("crash-broker");
        broker = StandaloneBroker.create(run);
        broker.start();
        hub = HubProcess.http("crash", crashHome(run), run.resolve("data"), run.resolve("logs")).useBroker(broker);
        hub.start();

        Sender sender = new Sender(List.of(hub), KENT_TOKEN, HTTP, Duration.ofMinutes(10));
        CompletableFuture<Void> stream = sender.start(independentRecords(run.getFileName().toString(), RECORDS, 6));
        await("records accepted and delivered before the kill").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sender.accepted() >= RECORDS * 2 / 5 && deliveredSoFar(run) > 0);
        int acceptedBeforeKill = sender.accepted();
        broker.killHard();
        await("the hub refuses records while the broker is away").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> sender.unavailable() > 0 || stream.isDone());
        int acceptedWhileDown = sender.accepted() - acceptedBeforeKill;
        broker.start();
        await("the stream finished").atMost(Duration.ofMinutes(10)).until(stream::isDone);

        DeliveryTally tally = drainAndTally("crash-broker", run, sender, broker::messageCount, Duration.ofMinutes(5));
        tally.report(" acceptedBeforeKill=" + acceptedBeforeKill + " acceptedAfterKillBeforeRestart="
                + acceptedWhileDown);
        assertThat(sender.unavailable()).as("503 answers while the broker was away").isPositive();
        assertThat(sender.submissions()).hasSize(RECORDS);
        tally.assertNothingLostNothingExtra();
        // The hub outlives the broker, so it remembers what it sent before the broker was lost: a message
        // the broker delivers again after its restart is recognised and not sent twice.
        tally.assertNoDuplicates();
        assertThat(hub.isAlive()).as("the hub survived the broker's crash").isTrue();
        assertThat(deadLetters(broker::messageCount)).as("dead letters").isEmpty();
    }
}
