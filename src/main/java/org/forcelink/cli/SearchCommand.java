package org.forcelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forcelink search}: records by business key, force, type, status or recipient, newest first. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find records by business key (custody number, PNC ID, crime reference, ...), newest first.")
final class SearchCommand extends HubCommand {

    @Option(names = "--key", description = "Business key, e.g. a custody number or PNC ID.")
    String key;

    @Option(names = "--force", description = "Force code.")
    String force;

    @Option(names = "--type", description = "Record type.")
    String type;

    @Option(names = "--status", description = "Acknowledgement or delivery status.")
    String status;

    @Option(names = "--recipient", description = "Recipient id.")
    String recipient;

    @Option(names = "--limit", description = "Records to show (default: the hub's page size).")
    Integer limit;

    @Override
    int run() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("key", key);
        parameters.put("force", force);
        parameters.put("type", type);
        parameters.put("status", status);
        parameters.put("recipient", recipient);
        parameters.put("limit", limit == null ? null : limit.toString());
        JsonNode page = hub.get("/api/v1/messages" + HubClient.query(parameters));
        if (page.path("items").isEmpty()) {
            out().println("no records");
            out().flush();
            return 3;
        }
        out().printf("%-36s  %-12s  %-10s  %-12s  %-10s  %s%n", "MESSAGE", "FORCE", "SYSTEM", "TYPE", "STATUS",
                "RECEIVED");
        for (JsonNode hit : page.path("items")) {
            out().printf("%-36s  %-12s  %-10s  %-12s  %-10s  %s%n", text(hit, "messageId"), text(hit, "force"),
                    text(hit, "system"), text(hit, "recordType"), text(hit, "status"), text(hit, "receivedAt"));
        }
        if (page.hasNonNull("nextCursor")) {
            out().println("more: narrow the search or raise --limit");
        }
        out().flush();
        return 0;
    }
}
