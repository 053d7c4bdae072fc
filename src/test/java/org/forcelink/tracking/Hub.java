package org.forcelink.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.forcelink.canonical.CanonicalJson;

/**
 * What the tracking scenarios need from a running hub, whichever database it runs on: HTTP as a force
 * (bearer token) or an operator (HTTP Basic), its beans, its data dir, and the PND outage switch.
 * Scenarios are interfaces with default test methods, run once against H2 and once against PostgreSQL.
 */
public interface Hub {

    String KENT = "dev-token-kent";
    String ESSEX = "dev-token-essex";
    Duration DELIVERY = Duration.ofSeconds(30);

    /** Development passwords of the sample operators in config/operators.yaml. */
    Map<String, String> PASSWORDS = Map.of("admin", "admin-dev", "approver", "approver-dev", "operator",
            "operator-dev", "kent-operator", "kent-dev", "viewer", "viewer-dev");

    HttpResponse<String> request(String method, String path, String authorization, String contentType, byte[] body);

    <T> T bean(Class<T> type);

    Path dataDir();

    PndOutage pndOutage();

    default HttpResponse<String> asForce(String method, String path, String token, String contentType, byte[] body) {
        return request(method, path, token == null ? null : "Bearer " + token, contentType, body);
    }

    default HttpResponse<String> asOperator(String method, String path, String operator, String contentType,
            byte[] body) {
        String credentials = operator + ":" + PASSWORDS.getOrDefault(operator, "wrong");
        return request(method, path, "Basic " + java.util.Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)), contentType, body);
    }

    default HttpResponse<String> getAs(String operator, String path) {
        return asOperator("GET", path, operator, null, null);
    }

    default HttpResponse<String> postAs(String operator, String path, String json) {
        return asOperator("POST", path, operator, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    default HttpResponse<String> submit(String system, String token, String body) {
        return asForce("POST", "/api/v1/records/" + system, token, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Submits and returns the acknowledgement, failing unless the hub answered 202. */
    default JsonNode accepted(String system, String token, String body) {
        HttpResponse<String> response = submit(system, token, body);
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** Waits until every journey row handed in so far is in the database. */
    default void journeysWritten() {
        if (!bean(JourneyRecorder.class).awaitIdle(Duration.ofSeconds(30))) {
            throw new AssertionError("journey writer still busy after 30 s");
        }
    }

    default Path feedFile(String recipient, String messageId) {
        return dataDir().resolve("feeds").resolve(recipient).resolve(messageId + ".json");
    }

    static JsonNode json(String text) {
        try {
            return CanonicalJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A PNC ID of the canonical pattern (year, slash, 7 digits, letter) that no other test uses. */
    static String pncId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("20%02d/%07d%c", random.nextInt(100), random.nextInt(10_000_000),
                (char) ('A' + random.nextInt(26)));
    }

    /** Kent's custody record from the golden case, with its own custody number and detainee PNC ID. */
    static String custodyRecord(String custodyNumber, String pncId) {
        return goldenInput("custody-with-medication").replace("46MA/01873/26", custodyNumber)
                .replace("2008/0123456X", pncId);
    }

    /** The golden crime record with its own crime reference (also its source record id) and suspect PNC ID. */
    static String crimeRecord(String crimeReference, String pncId) {
        return goldenInput("crime-two-offences").replace("46/221874/26", crimeReference)
                .replace("2008/0123456X", pncId);
    }

    static String goldenInput(String caseName) {
        try {
            return Files.readString(Path.of("mappings/canonical-json/cases", caseName, "input.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
