package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DPA 2018 s.62 logs as API calls: a payload view without a reason is refused, one with a reason is
 * logged before it is shown and found by "who viewed record R"; "who received what about subject S"
 * lists every delivery with its recipient, subscription rule, policy version and content hash.
 */
public interface AuditScenarios extends Hub {

    @Test
    default void payloadViewWithoutAReasonIsRefusedAndWithAReasonIsLoggedAndFoundByWhoViewed() {
        String body = Hub.custodyRecord(Hub.unique("46MA/"), Hub.pncId());
        String id = accepted("custody", KENT, body).get("messageId").asText();
        journeysWritten();
        String payload = "/api/v1/messages/" + id + "/payload";

        HttpResponse<String> noReason = getAs("operator", payload);
        HttpResponse<String> blankReason = getAs("operator", payload + "?reason=%20%20");

        for (HttpResponse<String> refused : List.of(noReason, blankReason)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = Hub.json(refused.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:forcelink:problem:reason-required");
            assertThat(problem.get("detail").asText()).isEqualTo("viewing a payload needs a reason (the 'reason' query"
                    + " parameter): the access log records who looked at which record and why");
        }
        assertThat(Hub.json(getAs("admin", "/api/v1/messages/" + id + "/views").body()).get("views")).isEmpty();

        String reason = "Custody review of detainee welfare, ref CR-2211";
        HttpResponse<String> viewed = getAs("operator", payload + "?reason=" + encode(reason));

        assertThat(viewed.statusCode()).isEqualTo(200);
        JsonNode shown = Hub.json(viewed.body());
        assertThat(shown.get("messageId").asText()).isEqualTo(id);
        assertThat(shown.get("contentType").asText()).isEqualTo("application/json");
        assertThat(shown.get("input").asText()).isEqualTo(body);
        assertThat(shown.get("canonical").get("envelope").get("messageId").asText()).isEqualTo(id);
        assertThat(shown.get("mapping").toString()).isEqualTo("{\"id\":\"canonical-json\",\"version\":\"1\"}");
        JsonNode views = Hub.json(getAs("admin", "/api/v1/messages/" + id + "/views").body()).get("views");
        assertThat(views).hasSize(1);
        assertThat(views.get(0).get("actor").asText()).isEqualTo("operator");
        assertThat(views.get(0).get("messageId").asText()).isEqualTo(id);
        assertThat(views.get(0).get("action").asText()).isEqualTo("payload");
        assertThat(views.get(0).get("reason").asText()).isEqualTo(reason);
        assertThat(views.get(0).get("at").asText()).isNotBlank();
        journeysWritten();
        List<String> viewedSteps = new ArrayList<>();
        Hub.json(asForce("GET", "/api/v1/messages/" + id, KENT, null, null).body()).get("events").forEach(e -> {
            if (e.get("type").asText().equals("viewed")) {
                viewedSteps.add(e.get("actor").asText() + ": " + e.get("detail").asText());
            }
        });
        assertThat(viewedSteps).containsExactly("operator: payload viewed: " + reason);
        JsonNode byActor = Hub.json(getAs("admin", "/api/v1/access-log?actor=operator").body()).get("views");
        assertThat(byActor.findValuesAsText("messageId")).contains(id);
    }

    @Test
    default void onlyOperatorsOfTheRecordsForceMayViewItsPayload() {
        String essex = accepted("custody", ESSEX, Hub.custodyRecord(Hub.unique("42CH/"), Hub.pncId()))
                .get("messageId").asText();
        journeysWritten();
        String payload = "/api/v1/messages/" + essex + "/payload?reason=audit";

        assertThat(getAs("viewer", payload).statusCode()).isEqualTo(403);
        assertThat(asForce("GET", payload, ESSEX, null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> otherForce = getAs("kent-operator", payload);
        assertThat(otherForce.statusCode()).isEqualTo(404);
        assertThat(Hub.json(otherForce.body()).get("detail").asText())
                .isEqualTo("no record " + essex + " in your scope");
        assertThat(getAs("kent-operator", "/api/v1/messages/" + essex + "/views").statusCode()).isEqualTo(404);
        assertThat(Hub.json(getAs("admin", "/api/v1/messages/" + essex + "/views").body()).get("views")).isEmpty();
    }

    @Test
    default void whoReceivedWhatAboutASubjectIsOneCall() throws Exception {
        String pnc = Hub.pncId();
        String custody = accepted("custody", KENT, Hub.custodyRecord(Hub.unique("46MA/"), pnc)).get("messageId")
                .asText();
        String crime = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), pnc)).get("messageId").asText();
        String query = "/api/v1/disclosures?key=" + encode(pnc);
        await().atMost(DELIVERY).until(() -> Hub.json(getAs("operator", query).body()).get("deliveries").size() == 3);

        JsonNode answer = Hub.json(getAs("operator", query).body());
        assertThat(answer.get("key").asText()).isEqualTo(pnc);
        List<String> deliveries = new ArrayList<>();
        String policy = bean(SubscriptionPolicies.class).versionOf("pnd");
        for (JsonNode delivery : answer.get("deliveries")) {
            String id = delivery.get("messageId").asText();
            String recipient = delivery.get("recipient").asText();
            deliveries.add(id + " " + delivery.get("recordType").asText() + " " + recipient + " | "
                    + delivery.get("subscriptionRule").asText());
            assertThat(delivery.get("force").asText()).isEqualTo("kent");
            assertThat(delivery.get("policyVersion").asText())
                    .isEqualTo(bean(SubscriptionPolicies.class).versionOf(recipient)).startsWith("sha256:");
            assertThat(delivery.get("contentSha256").asText())
                    .isEqualTo(Hashes.sha256(Files.readString(feedFile(recipient, id))));
            assertThat(delivery.has("replayJob")).isFalse();
        }
        assertThat(deliveries).containsExactlyInAnyOrder(
                custody + " custody pnd | subscription pnd: custody records",
                custody + " custody custody-health | subscription custody-health: custody records",
                crime + " crime pnd | subscription pnd: crime records");
        assertThat(policy).hasSize("sha256:".length() + 12);
        assertThat(Hub.json(getAs("kent-operator", query).body()).get("deliveries")).hasSize(3);
        HttpResponse<String> noKey = getAs("operator", "/api/v1/disclosures");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(Hub.json(noKey.body()).get("detail").asText())
                .isEqualTo("key is required: the business key of the subject");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
