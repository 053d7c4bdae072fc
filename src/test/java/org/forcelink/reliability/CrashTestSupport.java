package org.forcelink.reliability;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.forcelink.reliability.AuditFeed.Delivery;

/** What the crash tests share: the audit recipients, the record streams, and waiting for the hub to drain. */
abstract class CrashTestSupport {

    static final String KENT_TOKEN = "dev-token-kent";
    /** Receives every record the tests send. */
    static final String AUDIT = "crash-audit";
    /** Receives custody records only, so that routing by record type is checked under crashes too. */
    static final String AUDIT_CUSTODY = "crash-audit-custody";
    static final Map<String, List<String>> AUDIT_RECIPIENTS = Map.of(
            AUDIT, List.of("custody", "crime"), AUDIT_CUSTODY, List.of("custody"));

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A home with the audit recipients only and a rate limit the stream never reaches. */
    static Path crashHome(Path runDir) {
        Path home = HubHome.copy(runDir);
        HubHome.useAuditRecipients(home, feeds(runDir), AUDIT_RECIPIENTS);
        HubHome.setRateLimit(home, "kent", 100_000, 100_000);
        return home;
    }

    static Path feeds(Path runDir) {
        return runDir.resolve("audit");
    }

    /** {@code count} records, one subject each, two custody records to one crime record, dealt over lanes. */
    static List<List<SampleRecord>> independentRecords(String run, int count, int lanes) {
        List<List<SampleRecord>> result = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            result.add(new ArrayList<>());
        }
        for (int n = 0; n < count; n++) {
            SampleRecord record = n % 3 == 2
                    ? SampleRecord.crime("46/" + run + "/" + n, List.of(AUDIT))
                    : SampleRecord.custody("46RL/" + run + "/" + n, 1, List.of(AUDIT, AUDIT_CUSTODY));
            result.get(n % lanes).add(record);
        }
        return result;
    }

    static Map<String, List<Delivery>> readFeeds(Path runDir) {
        Map<String, List<Delivery>> feeds = new LinkedHashMap<>();
        for (String recipient : AUDIT_RECIPIENTS.keySet()) {
            feeds.put(recipient, AuditFeed.read(HubHome.auditFile(feeds(runDir), recipient)));
        }
        return feeds;
    }

    static int deliveredSoFar(Path runDir) {
        return AuditFeed.read(HubHome.auditFile(feeds(runDir), AUDIT)).size();
    }

    /**
     * Waits until every accepted record has reached each recipient entitled to it and the hub's queues
     * are empty (so no redelivery is still to come), then takes the tally.
     */
    static DeliveryTally drainAndTally(String test, Path runDir, Sender sender, ToLongFunction<String> queueDepth,
            Duration limit) {
        await(test + ": every accepted record delivered").atMost(limit).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    DeliveryTally tally = new DeliveryTally(test, sender, readFeeds(runDir));
                    return AUDIT_RECIPIENTS.keySet().stream().allMatch(r -> tally.lost(r).isEmpty());
                });
        List<String> queues = new ArrayList<>(List.of("ingest"));
        AUDIT_RECIPIENTS.keySet().forEach(r -> queues.add("deliver." + r));
        await(test + ": hub queues drained").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> queues.stream().mapToLong(queueDepth).sum() == 0);
        return new DeliveryTally(test, sender, readFeeds(runDir));
    }

    /** Dead letters: records the broker or a route gave up on. There must be none. */
    static String deadLetters(ToLongFunction<String> queueDepth) {
        List<String> queues = new ArrayList<>(List.of("DLA"));
        AUDIT_RECIPIENTS.keySet().forEach(r -> queues.add("dlq." + r));
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (String queue : queues) {
            long depth = queueDepth.applyAsLong(queue);
            total += depth;
            text.append(' ').append(queue).append('=').append(depth);
        }
        return total == 0 ? "" : text.toString().trim();
    }
}
