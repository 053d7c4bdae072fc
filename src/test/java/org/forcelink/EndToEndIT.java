package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Records through every hop on the real embedded broker and database: HTTP source, ingest queue,
 * canonical-dispatch, the recipients' filtered queues, the file feeds and the journey.
 */
class EndToEndIT extends HubTestSupport {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Test
    void custodyRecordReachesBothCustodyEntitledFeedsWithExactCanonicalContent() throws IOException {
        HttpResponse<String> response = submit("custody", KENT, caseFile("custody-with-medication", "input.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ack = json(response.body());
        String id = ack.get("messageId").asText();
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(ack.get("exceptions").size()).isZero();
        String expected = expectedCanonical("custody-with-medication", "custody", ack);
        await().atMost(DELIVERY).until(() -> Files.exists(feed("pnd", id)) && Files.exists(feed("custody-health", id)));
        assertThat(Files.readString(feed("pnd", id))).isEqualTo(expected);
        assertThat(Files.readString(feed("custody-health", id))).isEqualTo(expected);
        assertThat(expected).contains("\"medications\":[{\"name\":");
    }

    @Test
    void crimeRecordReachesOnlyTheRecipientEntitledToCrime() throws IOException {
        HttpResponse<String> response = submit("crime", KENT, caseFile("crime-two-offences", "input.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode ack = json(response.body());
        String id = ack.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> deliveries(id).size() == 1
                && deliveries(id).get(0).equals("pnd DELIVERED"));
        assertThat(Files.readString(feed("pnd", id))).isEqualTo(expectedCanonical("crime-two-offences", "crime", ack));
        assertThat(feed("custody-health", id)).doesNotExist();
        assertThat(eventTypes(id)).containsExactly("received", "mapped", "routed", "delivered");
    }

    @Test
    void journeyListsEveryHop() {
        String id = json(submit("custody", KENT, caseFile("custody-with-medication", "input.json")).body())
                .get("messageId").asText();

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("pnd DELIVERED", "custody-health DELIVERED")));
        JsonNode journey = json(get("/api/v1/messages/" + id, KENT).body());
        assertThat(journey.get("messageId").asText()).isEqualTo(id);
        assertThat(journey.get("force").asText()).isEqualTo("kent");
        assertThat(journey.get("system").asText()).isEqualTo("custody");
        assertThat(journey.get("recordType").asText()).isEqualTo("custody");
        assertThat(journey.get("sourceRecordId").asText()).isEqualTo("46MA/01873/26");
        assertThat(journey.get("status").asText()).isEqualTo("ACCEPTED");
        List<String> steps = new ArrayList<>();
        journey.get("events").forEach(e -> steps.add(e.get("type").asText() + " " + e.path("recipient").asText("-")
                + " " + e.get("actor").asText()));
        assertThat(steps.subList(0, 4)).containsExactly(
                "received - kent-hub",
                "mapped - mapping canonical-json v1",
                "routed pnd canonical-dispatch",
                "routed custody-health canonical-dispatch");
        assertThat(steps.subList(4, 6)).containsExactlyInAnyOrder(
                "delivered pnd pnd-out",
                "delivered custody-health custody-health-out");
        assertThat(journey.get("events").get(4).get("detail").asText()).isEqualTo("written as " + id + ".json");
    }

    @Test
    void unknownEthnicityAndNoSolicitorIsAcceptedWithExceptionsAndDelivered() throws IOException {
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

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("pnd DELIVERED", "custody-health DELIVERED")));
        String expected = expectedCanonical(caseName, "custody", ack);
        assertThat(Files.readString(feed("pnd", id))).isEqualTo(expected);
        assertThat(Files.readString(feed("custody-health", id))).isEqualTo(expected);
        JsonNode journey = json(get("/api/v1/messages/" + id, KENT).body());
        assertThat(journey.get("status").asText()).isEqualTo("ACCEPTED_WITH_EXCEPTIONS");
        assertThat(journey.get("exceptions").toString()).isEqualTo(exceptions);
        JsonNode exceptionEvent = journey.get("events").get(2);
        assertThat(exceptionEvent.get("type").asText()).isEqualTo("exceptions");
        assertThat(exceptionEvent.get("detail").asText()).isEqualTo(
                "FL-CODE-UNKNOWN /custody/detainee/ethnicity/selfDefined; FL-MISSING-OPTIONAL /custody/rights/solicitor");
    }

    @Test
    void sameIdempotencyKeyTwiceGivesTheSameMessageAndOneDeliveryPerRecipient() throws IOException {
        byte[] body = caseFile("custody-with-medication", "input.json");
        Map<String, String> key = Map.of("Idempotency-Key", "kent-custody-46MA-01873-26-v7-" + System.nanoTime());

        HttpResponse<String> first = post("/api/v1/records/custody", KENT, "application/json", body, key);
        String id = json(first.body()).get("messageId").asText();
        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("pnd DELIVERED", "custody-health DELIVERED")));
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
        await().atMost(DELIVERY).until(() -> deliveries(later).equals(List.of("pnd DELIVERED", "custody-health DELIVERED")));
        assertThat(eventTypes(id).stream().filter("delivered"::equals).count()).isEqualTo(2);
        assertThat(eventTypes(id).stream().filter("received"::equals).count()).isEqualTo(1);
        assertThat(filesNamed("pnd", id)).isEqualTo(1);
        assertThat(filesNamed("custody-health", id)).isEqualTo(1);
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

    private List<String> deliveries(String id) {
        HttpResponse<String> response = get("/api/v1/messages/" + id, KENT);
        List<String> found = new ArrayList<>();
        if (response.statusCode() == 200) {
            json(response.body()).get("deliveries").forEach(d -> found.add(d.get("recipient").asText() + " "
                    + d.get("status").asText()));
        }
        return found;
    }

    private List<String> eventTypes(String id) {
        List<String> types = new ArrayList<>();
        json(get("/api/v1/messages/" + id, KENT).body()).get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static long filesNamed(String recipient, String id) throws IOException {
        try (Stream<Path> files = Files.list(DATA_DIR.resolve("feeds").resolve(recipient))) {
            return files.filter(f -> f.getFileName().toString().contains(id)).count();
        }
    }
}
