package org.forcelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code forcelink journey <messageId>}: a record's journey: deliveries, steps, exceptions and lineage. */
@Command(name = "journey", mixinStandardHelpOptions = true,
        description = "Show a record's journey: its deliveries, each step, its exceptions and field lineage.")
final class JourneyCommand extends HubCommand {

    @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The hub's message id.")
    String messageId;

    @Override
    int run() {
        JsonNode journey = hub.get("/api/v1/messages/" + HubClient.segment(messageId));
        out().printf("message   %s%n", text(journey, "messageId"));
        out().printf("source    %s/%s record %s%n", text(journey, "force"), text(journey, "system"),
                text(journey, "sourceRecordId"));
        out().printf("type      %s%n", text(journey, "recordType"));
        out().printf("status    %s%n", text(journey, "status"));
        out().printf("received  %s%n", text(journey, "receivedAt"));
        out().println("deliveries");
        if (journey.path("deliveries").isEmpty()) {
            out().println("  none");
        }
        for (JsonNode delivery : journey.path("deliveries")) {
            out().printf("  %-16s %-10s %s%s%n", text(delivery, "recipient"), text(delivery, "status"),
                    text(delivery, "at"), delivery.hasNonNull("reason") ? "  " + delivery.get("reason").asText() : "");
        }
        out().println("events");
        for (JsonNode event : journey.path("events")) {
            StringBuilder line = new StringBuilder(String.format("  %s  %-10s", text(event, "at"), text(event, "type")));
            for (String field : new String[] {"actor", "recipient", "detail"}) {
                if (event.hasNonNull(field)) {
                    line.append("  ").append(field).append('=').append(event.get(field).asText());
                }
            }
            out().println(line);
        }
        out().println("exceptions");
        if (!journey.path("exceptions").isArray() || journey.path("exceptions").isEmpty()) {
            out().println("  none");
        }
        for (JsonNode exception : journey.path("exceptions")) {
            out().printf("  %s %s %s%n", text(exception, "code"), text(exception, "field"), text(exception, "message"));
        }
        if (journey.path("lineage").isArray()) {
            out().println("lineage");
            for (JsonNode lineage : journey.path("lineage")) {
                out().printf("  %-40s <- %s  [%s]%n", text(lineage, "field"), lineage.path("source").isArray()
                        ? String.join(", ", lineage.path("source").findValuesAsText("")) : text(lineage, "source"),
                        text(lineage, "rule"));
            }
        }
        out().flush();
        return 0;
    }
}
