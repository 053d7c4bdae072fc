package org.forcelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code forcelink replay}: plans a replay of a recipient's dead letters as a dry run and prints what it
 * would send; with {@code --execute} it also starts the job and waits for it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recipient's dead letters: a dry run unless --execute is given.")
final class ReplayCommand extends HubCommand {

    @Option(names = "--recipient", required = true, description = "Recipient whose dead letters to replay.")
    String recipient;

    @Option(names = "--reason", required = true, description = "Why; recorded with the job.")
    String reason;

    @Option(names = "--limit", description = "At most this many records (default: the hub's default limit).")
    Integer limit;

    @Option(names = "--execute", description = "Start the job after the dry run and wait until it finished.")
    boolean execute;

    /** How long --execute waits for the job, and between looks. */
    Duration timeout = Duration.ofMinutes(10);
    Duration pollEvery = Duration.ofSeconds(1);

    @Override
    int run() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("source", "dead-letters");
        request.put("recipient", recipient);
        request.put("reason", reason);
        if (limit != null) {
            request.put("limit", limit);
        }
        JsonNode plan = hub.post("/api/v1/replays", request);
        JsonNode job = plan.get("job");
        printJob(job);
        for (JsonNode item : plan.path("items")) {
            out().printf("  %4d  %-36s  %-16s  %-5s  %s%n", item.get("seq").asInt(), text(item, "messageId"),
                    text(item, "recipient"), text(item, "action"), text(item, "detail"));
        }
        if (!execute) {
            out().println("dry run only: nothing sent; run again with --execute to send");
            out().flush();
            return 0;
        }
        if (job.get("status").asText().equals("AWAITING_APPROVAL")) {
            out().println("needs a second operator's approval: POST /api/v1/replays/" + text(job, "id") + "/approve");
            out().flush();
            return 2;
        }
        job = hub.post("/api/v1/replays/" + HubClient.segment(job.get("id").asText()) + "/start", null);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished(job) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            job = hub.get("/api/v1/replays/" + HubClient.segment(job.get("id").asText()));
        }
        printJob(job);
        out().flush();
        return job.get("status").asText().equals("COMPLETED") && job.at("/counts/failed").asInt() == 0 ? 0 : 1;
    }

    private static boolean finished(JsonNode job) {
        String status = job.get("status").asText();
        return status.equals("COMPLETED") || status.equals("CANCELLED") || status.equals("INTERRUPTED");
    }

    private void printJob(JsonNode job) {
        JsonNode counts = job.get("counts");
        out().printf("job %s %s: %d to send, %d to skip, %d errors; sent %d, failed %d%n", text(job, "id"),
                text(job, "status"), counts.get("toSend").asInt(), counts.get("toSkip").asInt(),
                counts.get("errors").asInt(), counts.get("sent").asInt(), counts.get("failed").asInt());
    }
}
