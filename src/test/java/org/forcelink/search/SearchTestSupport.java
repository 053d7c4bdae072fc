package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.forcelink.HubTestSupport;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the subject search integration tests: the whole hub with its 44 forces answering through the
 * embedded stubs; every stub is back to normal before and after each test.
 */
abstract class SearchTestSupport extends HubTestSupport {

    static final String BRANNIGAN_PNC = "2008/0123456X";

    /** The query format each force's answering system uses in config/forces, and that system. */
    static final Map<String, String[]> FORMATS = formats();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * One search before the first test of the JVM, untimed: the tests measure a hub that has answered
     * searches before (its code compiled, its threads started), as a hub in service has.
     */
    @BeforeEach
    void stubsNormalAndHubWarm() {
        stubsBackToNormal();
        if (WARM.compareAndSet(false, true)) {
            for (int i = 0; i < 3; i++) {
                search(KENT, byPnc(BRANNIGAN_PNC, "custody", "Test run: warming up the hub"));
            }
        }
    }

    @AfterEach
    void stubsBackToNormal() {
        HttpResponse<String> reset = send(HttpRequest.newBuilder(uri("/stubs/forces/behaviour")).DELETE());
        if (reset.statusCode() != 204) {
            throw new IllegalStateException("stubs not reset: " + reset.statusCode() + " " + reset.body());
        }
    }

    /** Tells a force's stub how to behave. */
    protected void stub(String force, String behaviour) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/stubs/forces/" + force + "/behaviour"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(behaviour)));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("stub of " + force + " not set: " + answer.statusCode() + " " + answer.body());
        }
    }

    protected HttpResponse<String> search(String token, String body) {
        return post("/api/v1/subjects/search", token, "application/json", body.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    protected static String byPnc(String pncId, String purpose, String reason) {
        return "{\"subject\": {\"pncId\": \"" + pncId + "\"}, \"purpose\": \"" + purpose + "\", \"reason\": \""
                + reason + "\"}";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The results a custody-purpose search for Brannigan should disclose from one force: the expected
     * results of its query format (src/test/resources/search/custody/<format>.json) for that force.
     */
    static ArrayNode expectedResults(String purpose, String force) {
        String[] system = FORMATS.get(force);
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        String forceNumber = reference.force(force).orElseThrow().pncForceCode();
        try {
            String text = Files.readString(Path.of("src/test/resources/search", purpose, system[1] + ".json"))
                    .replace("{{force}}", force).replace("{{forceNumber}}", forceNumber)
                    .replace("{{system}}", system[0]);
            return (ArrayNode) CanonicalJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a JSON array with the named fields removed from each element. */
    static ArrayNode without(JsonNode array, String... fields) {
        ArrayNode copy = ((ArrayNode) array).deepCopy();
        copy.forEach(element -> ((ObjectNode) element).remove(java.util.List.of(fields)));
        return copy;
    }

    private static Map<String, String[]> formats() {
        Map<String, String[]> formats = new TreeMap<>();
        try (var files = Files.list(Path.of("config/forces"))) {
            for (Path file : files.sorted().toList()) {
                JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(file.toFile());
                root.path("systems").fields().forEachRemaining(system -> {
                    JsonNode query = system.getValue().path("query");
                    if (!query.isMissingNode()) {
                        formats.put(root.path("force").asText(),
                                new String[] {system.getKey(), query.path("format").asText()});
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return formats;
    }
}
