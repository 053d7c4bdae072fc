package org.forcelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code forcelink status}: routes, alerts, silent feeds and recipients, as the console's overview. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show routes, active alerts, silent feeds and each recipient's backlog, dead letters and circuit.")
final class StatusCommand extends HubCommand {

    @Override
    int run() {
        JsonNode overview = hub.get("/api/v1/ops/overview");
        out().println("routes");
        for (JsonNode route : overview.path("routes")) {
            out().printf("  %-28s %s%n", text(route, "id"), text(route, "status"));
        }
        out().println("alerts");
        if (overview.path("alerts").isEmpty()) {
            out().println("  none");
        }
        for (JsonNode alert : overview.path("alerts")) {
            out().printf("  %-28s %s (since %s)%n", text(alert, "key"), text(alert, "detail"), text(alert, "raisedAt"));
        }
        out().println("silent feeds");
        if (overview.path("silentFeeds").isEmpty()) {
            out().println("  none");
        }
        for (JsonNode feed : overview.path("silentFeeds")) {
            out().printf("  %-28s cadence %s, last received %s%n", text(feed, "force") + "/" + text(feed, "system"),
                    text(feed, "cadence"), text(feed, "lastReceivedAt"));
        }
        out().println("recipients");
        for (JsonNode recipient : overview.path("recipients")) {
            out().printf("  %-28s backlog %s, dead letters %s, circuit %s%n", text(recipient, "recipient"),
                    text(recipient, "backlog"), text(recipient, "deadLetters"), text(recipient, "breaker"));
        }
        out().flush();
        return overview.path("alerts").isEmpty() ? 0 : 2;
    }
}
