package org.forcelink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.forcelink.canonical.CanonicalJson;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole hub on a random port with its embedded Artemis broker and
 * H2 database under a fresh data dir, the sample config from the project folder. Every test class
 * extending it shares one running hub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HubTestSupport {

    protected static final Path DATA_DIR = createDataDir();
    /** Port of the embedded broker's core acceptor, chosen once so tests can connect to it as JMS sources do. */
    protected static final int BROKER_PORT = freePort();
    protected static final String KENT = "dev-token-kent";
    protected static final String KENT_CRIME_DESK = "dev-token-kent-crime";
    protected static final String ESSEX = "dev-token-essex";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("forcelink.data-dir", DATA_DIR::toString);
        registry.add("forcelink.broker.acceptor-url", () -> "tcp://127.0.0.1:" + BROKER_PORT);
        // Dropped files are read once stable for 300 ms, not 2 s, so file-drop tests stay quick.
        registry.add("forcelink.file-drop.stable-millis", () -> "300");
        registry.add("forcelink.file-drop.poll-millis", () -> "200");
        // Subject search: a per-force timeout and deadline short enough for quick tests and generous enough
        // for two cores loaded by other builds (SubjectSearchIT asserts the answer comes within the deadline
        // plus 200 ms, and which forces answered).
        // The search benchmark (docs/benchmarks.md) runs with the default run's settings instead.
        registry.add("forcelink.search.timeout-ms", () -> System.getProperty("forcelink.search.timeout-ms", "1500"));
        registry.add("forcelink.search.deadline-ms", () -> System.getProperty("forcelink.search.deadline-ms", "3000"));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("forcelink-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected HttpResponse<String> post(String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    protected HttpResponse<String> submit(String system, String token, byte[] body) {
        return post("/api/v1/records/" + system, token, "application/json", body, Map.of());
    }

    protected HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A GET as the sample viewer operator (HTTP Basic), for endpoints such as /actuator/metrics. */
    protected HttpResponse<String> getAsViewer(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("viewer:viewer-dev".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return HubApi.send(request);
    }

    protected static JsonNode json(String text) {
        return HubApi.json(text);
    }

    /** A golden case file of the canonical-json mapping folder. */
    protected static byte[] caseFile(String caseName, String file) {
        try {
            return Files.readAllBytes(Path.of("mappings/canonical-json/cases", caseName, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The exact canonical JSON a recipient should get for a golden case submitted to one of kent's systems:
     * the case's expected output with the message id and receipt time the hub gave it ({@code ack} is an
     * acknowledgement, or a line of a file's acknowledgement).
     */
    protected static String expectedCanonical(String caseName, String system, JsonNode ack) {
        ObjectNode expected = (ObjectNode) json(new String(caseFile(caseName, "expected.json")));
        ObjectNode envelope = (ObjectNode) expected.get("envelope");
        envelope.put("messageId", ack.get("messageId").asText());
        envelope.put("sourceSystem", system);
        envelope.put("receivedAt", ack.get("receivedAt").asText());
        try {
            return CanonicalJson.mapper().writeValueAsString(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Path feed(String recipient, String messageId) {
        return DATA_DIR.resolve("feeds").resolve(recipient).resolve(messageId + ".json");
    }
}
