package org.forcelink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forcelink.console.ConsoleHub;
import org.forcelink.tracking.Hub;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The client commands against a running hub, as an operator and as a force, with their exact output. */
class ClientCommandsIT extends ConsoleHub {

    private record Run(int exitCode, String out, String err) {}

    private Run run(HubCommand command, String... args) {
        // the operator's password and Kent's token, as FORCELINK_PASSWORD and FORCELINK_TOKEN would give them
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        command.hub.environment = Map.of("FORCELINK_PASSWORD", "operator-dev", "FORCELINK_TOKEN", KENT)::get;
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void searchPrintsEachRecordFoundByCustodyNumber() {
        String custodyNumber = Hub.unique("46MA/");
        JsonNode ack = accepted("custody", KENT, Hub.custodyRecord(custodyNumber, Hub.pncId()));
        journeysWritten();
        JsonNode hit = Hub.json(getAs("operator", "/api/v1/messages?key=" + custodyNumber.replace("/", "%2F")).body())
                .get("items").get(0);

        Run result = run(new SearchCommand(), "--url", baseUrl(), "--user", "operator", "--key", custodyNumber);

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(String.format(
                "%-36s  %-12s  %-10s  %-12s  %-10s  %s%n", "MESSAGE", "FORCE", "SYSTEM", "TYPE", "STATUS", "RECEIVED")
                + String.format("%-36s  %-12s  %-10s  %-12s  %-10s  %s%n", ack.get("messageId").asText(), "kent",
                        "custody", "custody", hit.get("status").asText(), hit.get("receivedAt").asText()));

        Run none = run(new SearchCommand(), "--url", baseUrl(), "--user", "operator", "--key", "NO-SUCH-KEY");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.out()).isEqualTo("no records" + System.lineSeparator());
    }

    @Test
    void journeyPrintsTheRecordsStepsWithAForceToken() {
        JsonNode ack = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId()));
        String messageId = ack.get("messageId").asText();
        org.awaitility.Awaitility.await().atMost(DELIVERY).until(() -> java.nio.file.Files.exists(feedFile("pnd",
                messageId)));
        journeysWritten();
        JsonNode journey = Hub.json(asForce("GET", "/api/v1/messages/" + messageId, KENT, null, null).body());

        Run result = run(new JourneyCommand(), "--url", baseUrl(), messageId);

        StringBuilder expected = new StringBuilder();
        String nl = System.lineSeparator();
        expected.append("message   ").append(messageId).append(nl)
                .append("source    kent/crime record ").append(journey.get("sourceRecordId").asText()).append(nl)
                .append("type      crime").append(nl)
                .append("status    ").append(journey.get("status").asText()).append(nl)
                .append("received  ").append(journey.get("receivedAt").asText()).append(nl)
                .append("deliveries").append(nl);
        for (JsonNode delivery : journey.get("deliveries")) {
            expected.append(String.format("  %-16s %-10s %s%n", delivery.get("recipient").asText(),
                    delivery.get("status").asText(), delivery.get("at").asText()));
        }
        expected.append("events").append(nl);
        for (JsonNode event : journey.get("events")) {
            expected.append(String.format("  %s  %-10s", event.get("at").asText(), event.get("type").asText()));
            for (String field : new String[] {"actor", "recipient", "detail"}) {
                if (event.hasNonNull(field)) {
                    expected.append("  ").append(field).append('=').append(event.get(field).asText());
                }
            }
            expected.append(nl);
        }
        expected.append("exceptions").append(nl).append("  none").append(nl);
        assertThat(journey.get("lineage").size()).as("the record's field lineage").isPositive();
        expected.append("lineage").append(nl);
        for (JsonNode lineage : journey.get("lineage")) {
            List<String> sources = new ArrayList<>();
            if (lineage.path("source").isArray()) {
                lineage.get("source").forEach(source -> sources.add(source.asText()));
            } else {
                sources.add(lineage.path("source").asText());
            }
            expected.append(String.format("  %-40s <- %s  [%s]%n", lineage.get("field").asText(),
                    String.join(", ", sources), lineage.get("rule").asText()));
        }
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo(expected.toString());
        assertThat(result.out()).contains("  pnd              DELIVERED  ");
        assertThat(result.exitCode()).isZero();

        Run refused = run(new JourneyCommand(), "--url", baseUrl(), "--user", "kent-operator", messageId);
        assertThat(refused.exitCode()).as("wrong password for kent-operator").isEqualTo(4);
        assertThat(refused.err()).startsWith("error: HTTP 401");
    }
}
