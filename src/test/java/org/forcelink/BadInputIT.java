package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends every case of the bad-input corpus (src/test/resources/bad-input) through its channel,
 * asserts the documented answer, and checks that a good record sent right after it is still
 * accepted and delivered to every entitled recipient.
 */
class BadInputIT extends HubTestSupport {

    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger GOOD = new AtomicInteger();

    static Stream<Path> httpCases() throws IOException {
        try (Stream<Path> cases = Files.list(CORPUS.resolve("http"))) {
            return cases.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpCases")
    void httpCaseGetsItsDocumentedAnswerAndCostsNoOtherRecord(Path caseDir) throws IOException {
        JsonNode spec = json(Files.readString(caseDir.resolve("case.json")));
        JsonNode before = spec.path("before");
        if (!before.isMissingNode()) {
            HttpResponse<String> first = send(spec, before.path("headers"), before.get("body").asText()
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(first.statusCode()).as("the request sent before").isEqualTo(before.get("status").asInt());
        }

        HttpResponse<String> response = send(spec, spec.path("headers"), body(caseDir, spec));

        JsonNode expect = spec.get("expect");
        assertThat(response.statusCode()).as(spec.get("description").asText()).isEqualTo(expect.get("status").asInt());
        JsonNode answer = response.body().isEmpty() ? null : json(response.body());
        if (expect.get("status").asInt() == 202) {
            assertThat(answer.get("status").asText()).isEqualTo(expect.get("ackStatus").asText());
        } else {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.get("status").asInt()).isEqualTo(expect.get("status").asInt());
            assertThat(answer.get("title").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
        }
        if (expect.has("type")) {
            assertThat(answer.get("type").asText()).isEqualTo(expect.get("type").asText());
        }
        if (expect.has("detail")) {
            assertThat(answer.get("detail").asText()).isEqualTo(expect.get("detail").asText());
        }
        if (expect.has("exceptionCode")) {
            assertThat(answer.get("exceptions").get(0).get("code").asText()).isEqualTo(expect.get("exceptionCode").asText());
        }
        if (expect.get("status").asInt() == 422) {
            assertThat(answer.get("messageId").asText()).matches("[0-9a-f-]{36}");
        }

        goodRecordIsStillDelivered();
    }

    private void goodRecordIsStillDelivered() {
        JsonNode record = json(new String(caseFile("custody-with-medication", "input.json"), StandardCharsets.UTF_8));
        String id = "01MP/GOOD" + GOOD.incrementAndGet() + "/26";
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("envelope")).put("sourceRecordId", id);
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("custody")).put("custodyNumber", id);
        HttpResponse<String> good = submit("records", "dev-token-metropolitan",
                record.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(good.statusCode()).isEqualTo(202);
        String messageId = json(good.body()).get("messageId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> journey = get("/api/v1/messages/" + messageId, "dev-token-metropolitan");
            if (journey.statusCode() != 200) {
                return false;
            }
            List<String> statuses = new ArrayList<>();
            json(journey.body()).get("deliveries").forEach(d -> statuses.add(d.get("status").asText()));
            return !statuses.isEmpty() && statuses.stream().allMatch("DELIVERED"::equals);
        });
    }

    private HttpResponse<String> send(JsonNode spec, JsonNode headers, byte[] body) {
        String method = spec.path("method").asText("POST");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + spec.get("path").asText()))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (spec.hasNonNull("token")) {
            request.header("Authorization", "Bearer " + spec.get("token").asText());
        }
        if (spec.hasNonNull("contentType")) {
            request.header("Content-Type", spec.get("contentType").asText());
        }
        headers.fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The case's body: its body file, or one generated as its spec says. */
    private static byte[] body(Path caseDir, JsonNode spec) throws IOException {
        JsonNode generate = spec.path("generate");
        if (generate.isMissingNode()) {
            Path file = caseDir.resolve("body");
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        }
        return switch (generate.get("kind").asText()) {
            case "nested-json" -> {
                int depth = generate.get("depth").asInt();
                yield ("{\"envelope\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case "long-string" -> ("{\"envelope\":{\"recordType\":\"custody\",\"sourceRecordId\":\""
                    + "x".repeat(generate.get("length").asInt()) + "\"}}").getBytes(StandardCharsets.UTF_8);
            case "spaces" -> {
                byte[] spaces = new byte[generate.get("length").asInt()];
                Arrays.fill(spaces, (byte) ' ');
                yield spaces;
            }
            case "hex" -> HexFormat.of().parseHex(generate.get("hex").asText());
            case "utf16" -> generate.get("text").asText().getBytes(StandardCharsets.UTF_16);
            case "cp1252" -> generate.get("text").asText().getBytes(Charset.forName("windows-1252"));
            default -> throw new IllegalArgumentException("unknown generator in " + caseDir);
        };
    }

}
