package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash test 3: two hub instances on one standalone broker and one PostgreSQL schema share the work as
 * competing consumers; one is killed with SIGKILL mid-stream and not brought back. Senders that lose it
 * retry against the other with the same Idempotency-Key. Every accepted record reaches every entitled
 * recipient, and the versions of each subject reach each recipient in the order they were sent.
 */
class TwoHubsIT extends CrashTestSupport {

    private static final int SUBJECTS = 250;
    private static final int VERSIONS = 8;
    private static final int LANES = 10;

    private StandaloneBroker broker;
    private HubProcess hubA;
    private HubProcess hubB;
    private String schema;

    @AfterEach
    void stopEverything() {
        if (hubA != null) {
            hubA.killHard();
        }
        if (hubB != null) {
            hubB.killHard();
        }
        if (broker != null) {
            broker.killHard();
        }
        if (schema != null) {
            Postgres.dropSchema(schema);
        }
    }

    @Test
    void losingOneOfTwoHubsLosesNoRecordAndKeepsOrderPerSubject() {
        schema = Postgres.newSchema();
        Path run = Processes.runDir("crash-two-hubs");
        broker = StandaloneBroker.create(run);
        broker.start();
        Path home = crashHome(run);
        hubA = Postgres.use(HubProcess.http("a", home, run.resolve("data-a"), run.resolve("logs")), schema)
                .useBroker(broker);
        hubB = Postgres.use(HubProcess.http("b", home, run.resolve("data-b"), run.resolve("logs")), schema)
                .useBroker(broker);
        hubA.start();
        hubB.start();

        Sender sender = new Sender(List.of(hubA, hubB), KENT_TOKEN, HTTP, Duration.ofMinutes(10));
        CompletableFuture<Void> stream = sender.start(versionedRecords(run.getFileName().toString()));
        int total = SUBJECTS * VERSIONS;
        await("records accepted and delivered before the kill").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sender.accepted() >= total * 2 / 5 && deliveredSoFar(run) > 0);
        int acceptedBeforeKill = sender.accepted();
        hubA.killHard();
        await("the stream finished on the remaining hub").atMost(Duration.ofMinutes(10)).until(stream::isDone);

        DeliveryTally tally = drainAndTally("crash-two-hubs", run, sender, broker::messageCount, Duration.ofMinutes(5));
        tally.report(" acceptedBeforeKill=" + acceptedBeforeKill + " subjects=" + SUBJECTS + " versions=" + VERSIONS
                + " outOfOrderSubjects=" + tally.outOfOrder(AUDIT).size());
        assertThat(sender.submissions()).hasSize(total);
        tally.assertNothingLostNothingExtra();
        tally.assertOrderPerSubject();
        assertThat(hubB.isAlive()).isTrue();
        assertThat(deadLetters(broker::messageCount)).as("dead letters").isEmpty();
    }

    /**
     * Each lane is one sender for its subjects: it sends version 1 of each of them, then version 2, and
     * so on, each only after the previous record was accepted, so the hub receives every subject's
     * versions in order.
     */
    private static List<List<SampleRecord>> versionedRecords(String run) {
        List<List<SampleRecord>> lanes = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            List<SampleRecord> records = new ArrayList<>();
            for (int version = 1; version <= VERSIONS; version++) {
                for (int subject = lane; subject < SUBJECTS; subject += LANES) {
                    records.add(SampleRecord.custody("46RL/" + run + "/" + subject, version,
                            List.of(AUDIT, AUDIT_CUSTODY)));
                }
            }
            lanes.add(records);
        }
        return lanes;
    }
}
