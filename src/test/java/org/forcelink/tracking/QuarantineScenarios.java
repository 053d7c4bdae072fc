package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rejected input kept in quarantine: listed with its reason, viewed only with a reason (logged), and
 * resubmitted after repair through the same ingest gate, the new record and the quarantined input each
 * naming the other on their journeys.
 */
public interface QuarantineScenarios extends Hub {

    @Test
    default void quarantinedInputIsListedViewedWithAReasonAndResubmittedWithAnEditedPayload() {
        String custodyNumber = Hub.unique("46MA/");
        String repaired = Hub.custodyRecord(custodyNumber, Hub.pncId());
        String broken = repaired.substring(0, repaired.length() / 2);
        HttpResponse<String> rejected = submit("custody", KENT, broken);
        assertThat(rejected.statusCode()).isEqualTo(422);
        String quarantined = Hub.json(rejected.body()).get("messageId").asText();
        String reason = Hub.json(rejected.body()).get("detail").asText();

        JsonNode listed = entry(Hub.json(getAs("kent-operator", "/api/v1/quarantine?status=QUARANTINED").body()),
                quarantined);
        assertThat(listed.get("force").asText()).isEqualTo("kent");
        assertThat(listed.get("system").asText()).isEqualTo("custody");
        assertThat(listed.get("reason").asText()).isEqualTo(reason);
        assertThat(listed.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(listed.get("size").asLong()).isEqualTo(broken.getBytes(StandardCharsets.UTF_8).length);
        assertThat(listed.has("input")).isFalse();
        HttpResponse<String> withoutReason = getAs("operator", "/api/v1/quarantine/" + quarantined);
        assertThat(withoutReason.statusCode()).isEqualTo(400);
        HttpResponse<String> viewed = getAs("operator", "/api/v1/quarantine/" + quarantined
                + "?reason=repair%20of%20rejected%20custody%20record");
        assertThat(viewed.statusCode()).isEqualTo(200);
        assertThat(Hub.json(viewed.body()).get("input").asText()).isEqualTo(broken);
        JsonNode views = Hub.json(getAs("operator", "/api/v1/messages/" + quarantined + "/views").body()).get("views");
        assertThat(views).hasSize(1);
        assertThat(views.get(0).get("action").asText()).isEqualTo("quarantined-input");
        assertThat(views.get(0).get("reason").asText()).isEqualTo("repair of rejected custody record");

        HttpResponse<String> resubmitted = asOperator("POST", "/api/v1/quarantine/" + quarantined
                + "/resubmit?reason=closed%20the%20truncated%20JSON", "kent-operator", "application/json",
                repaired.getBytes(StandardCharsets.UTF_8));

        assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(202);
        JsonNode ack = Hub.json(resubmitted.body());
        String record = ack.get("messageId").asText();
        assertThat(record).isNotEqualTo(quarantined);
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(ack.get("resubmissionOf").asText()).isEqualTo(quarantined);
        await().atMost(DELIVERY).until(() -> deliveries(record).equals(List.of("pnd DELIVERED",
                "custody-health DELIVERED")));
        journeysWritten();
        assertThat(steps(quarantined, "resubmitted")).containsExactly("kent-operator: resubmitted as " + record
                + " with an edited payload; reason: closed the truncated JSON");
        assertThat(steps(record, "resubmitted")).containsExactly("kent-operator: resubmission of quarantined message "
                + quarantined + " (edited payload)");
        assertThat(steps(record, "received")).containsExactly("kent-operator: resubmission, "
                + repaired.getBytes(StandardCharsets.UTF_8).length + " bytes");
        JsonNode after = entry(Hub.json(getAs("viewer", "/api/v1/quarantine?status=RESUBMITTED&force=kent").body()),
                quarantined);
        assertThat(after.get("status").asText()).isEqualTo("RESUBMITTED");
        assertThat(after.get("resubmission").get("messageId").asText()).isEqualTo(record);
        assertThat(after.get("resubmission").get("by").asText()).isEqualTo("kent-operator");

        HttpResponse<String> again = asOperator("POST", "/api/v1/quarantine/" + quarantined + "/resubmit",
                "operator", null, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Hub.json(again.body()).get("detail").asText()).isEqualTo("quarantined input " + quarantined
                + " was already resubmitted by kent-operator as " + record);
    }

    @Test
    default void resubmittingAsReceivedGoesThroughTheSameGateAndIsQuarantinedAgainWhenStillBroken() {
        HttpResponse<String> rejected = submit("custody", KENT, "{\"envelope\": {\"recordType\": \"custody\"");
        String quarantined = Hub.json(rejected.body()).get("messageId").asText();

        HttpResponse<String> again = postAs("operator", "/api/v1/quarantine/" + quarantined + "/resubmit", null);

        assertThat(again.statusCode()).isEqualTo(422);
        JsonNode problem = Hub.json(again.body());
        assertThat(problem.get("resubmissionOf").asText()).isEqualTo(quarantined);
        String second = problem.get("messageId").asText();
        assertThat(second).isNotEqualTo(quarantined);
        assertThat(problem.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-UNPARSEABLE");
        journeysWritten();
        assertThat(steps(quarantined, "resubmitted")).containsExactly("operator: resubmitted as " + second
                + " as received");
        assertThat(steps(second, "rejected")).hasSize(1);
        JsonNode listing = Hub.json(getAs("viewer", "/api/v1/quarantine?force=kent&status=QUARANTINED").body());
        assertThat(entry(listing, second).get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(asForce("POST", "/api/v1/quarantine/" + second + "/resubmit", KENT, null, null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> essexOperator = postAs("kent-operator", "/api/v1/quarantine/" + rejectEssex()
                + "/resubmit", null);
        assertThat(essexOperator.statusCode()).isEqualTo(404);
    }

    private String rejectEssex() {
        return Hub.json(submit("custody", ESSEX, "[1, 2").body()).get("messageId").asText();
    }

    private JsonNode entry(JsonNode listing, String messageId) {
        for (JsonNode item : listing.get("items")) {
            if (item.get("messageId").asText().equals(messageId)) {
                return item;
            }
        }
        throw new AssertionError("quarantined input " + messageId + " not listed in " + listing);
    }

    private List<String> steps(String messageId, String type) {
        List<String> steps = new ArrayList<>();
        Hub.json(getAs("admin", "/api/v1/messages/" + messageId).body()).get("events").forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                steps.add(e.get("actor").asText() + ": " + e.get("detail").asText());
            }
        });
        return steps;
    }

    private List<String> deliveries(String messageId) {
        HttpResponse<String> response = getAs("admin", "/api/v1/messages/" + messageId);
        List<String> found = new ArrayList<>();
        if (response.statusCode() == 200) {
            Hub.json(response.body()).get("deliveries").forEach(d -> found.add(d.get("recipient").asText() + " "
                    + d.get("status").asText()));
        }
        return found;
    }
}
