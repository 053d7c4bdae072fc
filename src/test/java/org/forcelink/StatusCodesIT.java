package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.forcelink.tracking.QuarantineStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every refusal of the HTTP source (ARCHITECTURE 3.3) with its exact problem+json body, and after
 * each the hub still accepts a good record.
 */
class StatusCodesIT extends HubTestSupport {

    private static final String RECORDS = "/api/v1/records/";

    @Autowired
    QuarantineStore quarantine;

    @AfterEach
    void hubKeepsServing() {
        HttpResponse<String> good = submit("custody", KENT, caseFile("custody-with-medication", "input.json"));
        assertThat(good.statusCode()).isEqualTo(202);
        assertThat(json(good.body()).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void missingOrUnknownTokenIs401() {
        HttpResponse<String> none = post(RECORDS + "custody", null, "application/json", body(), Map.of());
        HttpResponse<String> wrong = post(RECORDS + "custody", "not-a-token", "application/json", body(), Map.of());

        for (HttpResponse<String> response : new HttpResponse[] {none, wrong}) {
            assertProblem(response, 401, "urn:forcelink:problem:unauthorized", "Unauthorized",
                    "a valid bearer token of a force is required");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"forcelink\"");
        }
    }

    @Test
    void credentialScopedToOtherSystemsIs403() {
        HttpResponse<String> response = post(RECORDS + "custody", KENT_CRIME_DESK, "application/json", body(), Map.of());

        assertProblem(response, 403, "urn:forcelink:problem:forbidden", "Forbidden",
                "credential kent-crime-desk may not submit to system 'custody'");
    }

    @Test
    void systemTheForceDoesNotHaveIs404EvenWhenAnotherForceHasIt() {
        HttpResponse<String> unknown = post(RECORDS + "nonsense", KENT, "application/json", body(), Map.of());
        HttpResponse<String> metsSystem = post(RECORDS + "records", KENT, "application/json", body(), Map.of());

        assertProblem(unknown, 404, "urn:forcelink:problem:unknown-system", "Not Found",
                "force kent has no system 'nonsense'");
        assertProblem(metsSystem, 404, "urn:forcelink:problem:unknown-system", "Not Found",
                "force kent has no system 'records'");
    }

    @Test
    void bodyOverFiveMebibytesIs413() {
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');

        HttpResponse<String> response = post(RECORDS + "custody", KENT, "application/json", huge, Map.of());

        assertProblem(response, 413, "urn:forcelink:problem:too-large", "Payload Too Large",
                "a record may be at most 5242880 bytes");
    }

    @Test
    void bodyNearlyTwiceTheLimitStillGetsItsAnswer() {
        byte[] huge = new byte[2 * 5 * 1024 * 1024 - 1024];
        Arrays.fill(huge, (byte) ' ');

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = post(RECORDS + "custody", KENT, "application/json", huge, Map.of());

            assertProblem(response, 413, "urn:forcelink:problem:too-large", "Payload Too Large",
                    "a record may be at most 5242880 bytes");
        }
    }

    @Test
    void contentTypeTheSystemDoesNotAcceptIs415() {
        HttpResponse<String> plain = post(RECORDS + "custody", KENT, "text/plain", body(), Map.of());
        HttpResponse<String> none = post(RECORDS + "custody", KENT, null, body(), Map.of());
        HttpResponse<String> latin1 = post(RECORDS + "custody", KENT, "application/json; charset=ISO-8859-1", body(),
                Map.of());

        assertProblem(plain, 415, "urn:forcelink:problem:unsupported-media-type", "Unsupported Media Type",
                "system 'custody' accepts application/json");
        assertThat(none.statusCode()).isEqualTo(415);
        assertProblem(latin1, 415, "urn:forcelink:problem:unsupported-media-type", "Unsupported Media Type",
                "JSON is accepted in UTF-8 only");
    }

    @Test
    void idempotencyKeyOver200CharactersIs400() {
        HttpResponse<String> response = post(RECORDS + "custody", KENT, "application/json", body(),
                Map.of("Idempotency-Key", "k".repeat(201)));

        assertProblem(response, 400, "urn:forcelink:problem:bad-idempotency-key", "Bad Request",
                "Idempotency-Key must be 1 to 200 characters");
    }

    @Test
    void unparseableBodyIs422WithMessageIdAndIsQuarantined() {
        int before = quarantine.count("kent");
        byte[] broken = "{\"envelope\": {\"recordType\": \"custody\"".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(RECORDS + "custody", KENT, "application/json", broken, Map.of());

        JsonNode problem = assertProblem(response, 422, "urn:forcelink:problem:rejected", "Record rejected", null);
        assertThat(problem.get("detail").asText()).isEqualTo("the body is not valid JSON: Unexpected end-of-input:"
                + " expected close marker for Object (start marker at [line: 1, column: 14])");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        String id = problem.get("messageId").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(problem.get("exceptions").size()).isEqualTo(1);
        assertThat(problem.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-UNPARSEABLE");
        assertThat(problem.get("exceptions").get(0).get("severity").asText()).isEqualTo("ERROR");
        assertThat(quarantine.count("kent")).isEqualTo(before + 1);
        org.awaitility.Awaitility.await().until(() -> get("/api/v1/messages/" + id, KENT).statusCode() == 200);
        JsonNode journey = json(get("/api/v1/messages/" + id, KENT).body());
        assertThat(journey.get("status").asText()).isEqualTo("REJECTED");
        assertThat(journey.get("deliveries").size()).isZero();
    }

    @Test
    void recordWithoutIdentityIs422() {
        byte[] noId = "{\"envelope\":{\"recordType\":\"custody\"},\"custody\":{\"custodyNumber\":\"46MA/1/26\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] array = "[{\"envelope\":{}}]".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        JsonNode missing = assertProblem(post(RECORDS + "custody", KENT, "application/json", noId, Map.of()), 422,
                "urn:forcelink:problem:rejected", "Record rejected", "the record has no sourceRecordId");
        assertProblem(post(RECORDS + "custody", KENT, "application/json", array, Map.of()), 422,
                "urn:forcelink:problem:rejected", "Record rejected", "expected one record (a JSON object), found array");
        assertProblem(post(RECORDS + "custody", KENT, "application/json", notUtf8, Map.of()), 422,
                "urn:forcelink:problem:rejected", "Record rejected", "the body is not valid UTF-8");
        assertThat(missing.get("exceptions").get(0).get("path").asText()).isEqualTo("/envelope/sourceRecordId");
    }

    private static byte[] body() {
        return caseFile("custody-with-medication", "input.json");
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String type, String title,
            String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(type);
        assertThat(problem.get("title").asText()).isEqualTo(title);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (detail != null) {
            assertThat(problem.get("detail").asText()).isEqualTo(detail);
        }
        return problem;
    }
}
