package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Records through every hop on the real embedded broker and database: HTTP source, ingest queue,
 * canonical-dispatch, the recipients' filtered queues, their outbound routes, the recipient stubs of the
 * default run and the journey.
 */
class EndToEndIT extends RecipientTestSupport {

    private static final List<String> CUSTODY_RECIPIENTS =
            List.of("pnd DELIVERED", "custody-health DELIVERED", "essex-custody DELIVERED");

    @Test
    void custodyRecordReachesEveryCustodyEntitledRecipientInItsOwnFormat() {
        HttpResponse<String> response = submit("custody", KENT, caseFile("custody-with-medication", "input.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ack = json(response.body());
        String id = ack.get("messageId").asText();
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(ack.get("exceptions").size()).isZero();
        await().atMost(DELIVERY).until(() -> deliveries(id).equals(CUSTODY_RECIPIENTS));
        assertThat(bodiesFor("pnd", id)).containsExactly(
                expectedOutput("pnd-xml", "custody-with-medication", "xml", ack, "custody"));
        assertThat(bodiesFor("custody-health", id)).containsExactly(
                expectedOutput("custody-health-json", "custody-with-medication", "json", ack, "custody"));
        String canonical = expectedCanonical("custody-with-medication", "custody", ack);
        assertThat(bodiesFor("essex-custody", id)).containsExactly(canonical);
        assertThat(canonical).contains("\"medications\":[{\"name\":");
        assertThat(bodiesFor("cps", id)).isEmpty();
    }

    @Test
    void crimeRecordReachesOnlyTheRecipientsEntitledToCrime() {
        HttpResponse<String> response = submit("crime", KENT, caseFile("crime-two-offences", "input.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ack = json(response.body());
        String id = ack.get("messageId").asText();
        // home-office-stats receives it in its next daily file: pending here unless another test ran one.
        await().atMost(DELIVERY).until(() -> deliveries(id).size() == 2 && deliveries(id).get(0).equals("pnd DELIVERED")
                && deliveries(id).get(1).matches("home-office-stats (PENDING|DELIVERED)"));
        assertThat(bodiesFor("pnd", id)).containsExactly(
                expectedOutput("pnd-xml", "crime-two-offences", "xml", ack, "crime"));
        assertThat(bodiesFor("custody-health", id)).isEmpty();
        assertThat(bodiesFor("essex-custody", id)).isEmpty();
        assertThat(eventsFor(id, "pnd", KENT)).extracting(e -> e.substring(0, e.indexOf(':')))
                .containsExactly("routed", "delivered");
        assertThat(eventsFor(id, "custody-health", KENT)).isEmpty();
    }

    @Test
    void journeyListsEveryHop() {
        String id = json(submit("custody", KENT, caseFile("custody-with-medication", "input.json")).body())
                .get("messageId").asText();

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(CUSTODY_RECIPIENTS));
        JsonNode journey = json(get("/api/v1/messages/" + id, KENT).body());
        assertThat(journey.get("messageId").asText()).isEqualTo(id);
        assertThat(journey.get("force").asText()).isEqualTo("kent");
        assertThat(journey.get("system").asText()).isEqualTo("custody");
        assertThat(journey.get("recordType").asText()).isEqualTo("custody");
        assertThat(journey.get("sourceRecordId").asText()).isEqualTo("46MA/01873/26");
        assertThat(journey.get("status").asText()).isEqualTo("ACCEPTED");
        List<String> steps = new ArrayList<>();
        // "viewed" events record who read the payload (other tests may); they are audit, not hops.
        StreamSupport.stream(journey.get("events").spliterator(), false)
                .filter(e -> !"viewed".equals(e.get("type").asText()))
                .forEach(e -> steps.add(e.get("type").asText() + " " + e.path("recipient").asText("-")
                + " " + e.get("actor").asText() + (e.get("type").asText().matches("routed|delivered")
                        ? ": " + e.get("detail").asText() : "")));
        assertThat(steps.subList(0, 5)).containsExactly(
                "received - kent-hub",
                "mapped - mapping canonical-json v1",
                "routed pnd canonical-dispatch: subscription pnd: custody records",
                "routed custody-health canonical-dispatch: subscription custody-health: custody records with"
                        + " medication or a medium or high risk",
                "routed essex-custody canonical-dispatch: subscription essex-custody: custody records of detainees"
                        + " transferred to Essex Police");
        assertThat(steps.subList(5, 8)).containsExactlyInAnyOrder(
                "delivered pnd pnd-out: HTTP 200 from pnd",
                "delivered custody-health custody-health-out: sent to queue recipient.custody-health",
                "delivered essex-custody essex-custody-out: HTTP 200 from essex-custody");
        assertThat(steps).hasSize(8);
    }

    @Test
    void unknownEthnicityAndNoSolicitorIsAcceptedWithExceptionsAndDelivered() {
        String caseName = "custody-unknown-ethnicity-no-solicitor";
        HttpResponse<String> response = submit("custody", KENT, caseFile(caseName, "input.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ack = json(response.body());
        String id = ack.get("messageId").asText();
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED_WITH_EXCEPTIONS");
        String exceptions = "[{\"code\":\"FL-CODE-UNKNOWN\",\"path\":\"/custody/detainee/ethnicity/selfDefined\","
                + "\"severity\":\"WARNING\",\"message\":\"unknown self-defined ethnicity code 'Z9'; the value was kept as sent\"},"
                + "{\"code\":\"FL-MISSING-OPTIONAL\",\"path\":\"/custody/rights/solicitor\",\"severity\":\"WARNING\","
                + "\"message\":\"a solicitor was requested but no solicitor details were recorded\"}]";
        assertThat(ack.get("exceptions").toString()).isEqualTo(exceptions);

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(CUSTODY_RECIPIENTS));
        assertThat(bodiesFor("essex-custody", id)).containsExactly(expectedCanonical(caseName, "custody", ack));
        assertThat(bodiesFor("pnd", id)).singleElement().asString()
                .contains("<SelfDefined>Z9</SelfDefined>")
                .doesNotContain("<Solicitor");
        JsonNode journey = json(get("/api/v1/messages/" + id, KENT).body());
        assertThat(journey.get("status").asText()).isEqualTo("ACCEPTED_WITH_EXCEPTIONS");
        assertThat(journey.get("exceptions").toString()).isEqualTo(exceptions);
        JsonNode exceptionEvent = journey.get("events").get(2);
        assertThat(exceptionEvent.get("type").asText()).isEqualTo("exceptions");
        assertThat(exceptionEvent.get("detail").asText()).isEqualTo(
                "FL-CODE-UNKNOWN /custody/detainee/ethnicity/selfDefined; FL-MISSING-OPTIONAL /custody/rights/solicitor");
    }

    @Test
    void sameIdempotencyKeyTwiceGivesTheSameMessageAndOneDeliveryPerRecipient() {
        byte[] body = caseFile("custody-with-medication", "input.json");
        Map<String, String> key = Map.of("Idempotency-Key", "kent-custody-46MA-01873-26-v7-" + System.nanoTime());

        HttpResponse<String> first = post("/api/v1/records/custody", KENT, "application/json", body, key);
        String id = json(first.body()).get("messageId").asText();
        await().atMost(DELIVERY).until(() -> deliveries(id).equals(CUSTODY_RECIPIENTS));
        HttpResponse<String> second = post("/api/v1/records/custody", KENT, "application/json", body, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body());
        HttpResponse<String> different = post("/api/v1/records/custody", KENT, "application/json",
                caseFile("custody-unknown-ethnicity-no-solicitor", "input.json"), key);
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(json(different.body()).get("detail").asText())
                .isEqualTo("the Idempotency-Key was already used with a different body");
        // Give a second delivery every chance to show itself before counting.
        String later = json(submit("custody", KENT, body).body()).get("messageId").asText();
        await().atMost(DELIVERY).until(() -> deliveries(later).equals(CUSTODY_RECIPIENTS));
        assertThat(eventTypes(id).stream().filter("delivered"::equals).count()).isEqualTo(3);
        assertThat(eventTypes(id).stream().filter("received"::equals).count()).isEqualTo(1);
        assertThat(bodiesFor("pnd", id)).hasSize(1);
        assertThat(bodiesFor("custody-health", id)).hasSize(1);
        assertThat(bodiesFor("essex-custody", id)).hasSize(1);
    }

    @Test
    void aForceCannotReadAnotherForcesJourney() {
        String id = json(submit("custody", KENT, caseFile("custody-with-medication", "input.json")).body())
                .get("messageId").asText();
        await().atMost(DELIVERY).until(() -> get("/api/v1/messages/" + id, KENT).statusCode() == 200);

        HttpResponse<String> essex = get("/api/v1/messages/" + id, ESSEX);

        assertThat(essex.statusCode()).isEqualTo(404);
        assertThat(essex.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(essex.body()).get("detail").asText()).isEqualTo("no record " + id + " for this force");
        assertThat(get("/api/v1/messages/" + id, null).statusCode()).isEqualTo(401);
    }

    private List<String> eventTypes(String id) {
        List<String> types = new ArrayList<>();
        json(get("/api/v1/messages/" + id, KENT).body()).get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
