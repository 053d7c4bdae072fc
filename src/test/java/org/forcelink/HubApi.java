package org.forcelink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.forcelink.canonical.CanonicalJson;

/**
 * What integration tests ask a running hub about a record: whether its journey shows it delivered to a
 * recipient, and the canonical record the hub made of it (read as an operator, with a reason).
 */
public final class HubApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin-dev".getBytes(StandardCharsets.UTF_8));

    private HubApi() {}

    /** True once the record's journey (read with the sending force's token) shows it delivered to the recipient. */
    public static boolean deliveredTo(int port, String token, String recipient, String messageId) {
        HttpResponse<String> response = get(port, "/api/v1/messages/" + messageId, "Bearer " + token);
        if (response.statusCode() != 200) {
            return false;
        }
        for (JsonNode delivery : json(response.body()).get("deliveries")) {
            if (recipient.equals(delivery.get("recipient").asText()) && "DELIVERED".equals(delivery.get("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The canonical record of an accepted message as compact JSON, exactly as the hub stored and forwarded it. */
    public static String canonicalOf(int port, String messageId) {
        HttpResponse<String> response = get(port, "/api/v1/messages/" + messageId
                + "/payload?reason=integration%20test%20checks%20the%20canonical%20record", OPERATOR);
        if (response.statusCode() != 200) {
            throw new AssertionError("payload of " + messageId + ": HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return CanonicalJson.mapper().writeValueAsString(json(response.body()).get("canonical"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(int port, String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET().build());
    }

    /** Sends a request to a hub and reads the answer as text; failures to connect are unchecked. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses JSON the hub answered with. */
    public static JsonNode json(String text) {
        try {
            return CanonicalJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
