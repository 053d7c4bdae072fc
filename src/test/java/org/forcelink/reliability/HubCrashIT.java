package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash test 1: the hub (embedded broker, embedded database) is killed with SIGKILL while it takes in
 * and delivers a stream of 5,000 records, and started again on the same data dir. Every record it
 * accepted reaches every recipient entitled to it; a redelivery reuses the record's message id.
 */
class HubCrashIT extends CrashTestSupport {

    private static final int RECORDS = 5_000;

    private HubProcess hub;

    @AfterEach
    void stopEverything() {
        if (hub != null) {
            hub.killHard();
        }
    }

    @Test
    void aHubKilledMidStreamLosesNoAcceptedRecord() {
        Path run = Processes.runDir("crash-hub");
        hub = HubProcess.http("crash", crashHome(run), run.resolve("data"), run.resolve("logs"));
        int acceptor = hub.useEmbeddedBroker();
        ToLongFunction<String> depth = queue -> StandaloneBroker.messageCount("tcp://127.0.0.1:" + acceptor,
                "forcelink", "forcelink-dev", queue);
        hub.start();

        Sender sender = new Sender(List.of(hub), KENT_TOKEN, HTTP, Duration.ofMinutes(10));
        CompletableFuture<Void> stream = sender.start(independentRecords(run.getFileName().toString(), RECORDS, 6));
        await("records accepted and delivered before the kill").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sender.accepted() >= RECORDS * 2 / 5 && deliveredSoFar(run) > 0);
        int acceptedBeforeKill = sender.accepted();
        hub.killHard();
        hub.start();
        await("the stream finished").atMost(Duration.ofMinutes(10)).until(stream::isDone);

        DeliveryTally tally = drainAndTally("crash-hub", run, sender, depth, Duration.ofMinutes(5));
        tally.report(" acceptedBeforeKill=" + acceptedBeforeKill);
        assertThat(sender.submissions()).hasSize(RECORDS);
        tally.assertNothingLostNothingExtra();
        assertThat(deadLetters(depth)).as("dead letters").isEmpty();
    }
}
