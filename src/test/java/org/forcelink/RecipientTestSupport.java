package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forcelink.canonical.CanonicalJson;

/**
 * Integration-test helpers for recipients: the recipient stubs the default run serves under /stubs/
 * (what each took, telling it to fail or NACK), journeys, and the golden outputs of recipient formats
 * with the message id, receipt time and source system the hub gave a submitted record.
 */
public abstract class RecipientTestSupport extends HubTestSupport {

    protected static final Duration DELIVERY = Duration.ofSeconds(30);
    /** Message id and receipt time the golden cases were rendered with (GoldenCasesTest.CONTEXT). */
    private static final String GOLDEN_MESSAGE_ID = "11111111-1111-4111-8111-111111111111";
    private static final String GOLDEN_RECEIVED_AT = "2026-11-28T22:00:00Z";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a stub took, oldest first: each {messageId, contentType, authorization, body}. */
    protected List<JsonNode> received(String recipient) {
        List<JsonNode> received = new ArrayList<>();
        json(get("/stubs/" + recipient, null).body()).get("received").forEach(received::add);
        return received;
    }

    /** The bodies a stub took for one message id (more than one would be a duplicate delivery). */
    protected List<String> bodiesFor(String recipient, String messageId) {
        return received(recipient).stream().filter(r -> messageId.equals(r.path("messageId").asText()))
                .map(r -> r.get("body").asText()).toList();
    }

    protected int attempts(String recipient) {
        return json(get("/stubs/" + recipient, null).body()).get("attempts").asInt();
    }

    /** Tells a stub how to answer: ok, fail, slow, nack (with reason) or refuse. */
    protected void stubBehaves(String recipient, String mode, String reason) {
        String body = CanonicalJson.mapper().createObjectNode().put("mode", mode).put("reason", reason).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stubs/" + recipient
                        + "/behaviour"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected JsonNode journey(String messageId) {
        return json(get("/api/v1/messages/" + messageId, KENT).body());
    }

    /** "recipient STATUS" per delivery of the journey, in journey order; empty until the journey exists. */
    protected List<String> deliveries(String messageId, String token) {
        HttpResponse<String> response = get("/api/v1/messages/" + messageId, token);
        List<String> found = new ArrayList<>();
        if (response.statusCode() == 200) {
            json(response.body()).get("deliveries").forEach(d -> found.add(d.get("recipient").asText() + " "
                    + d.get("status").asText()));
        }
        return found;
    }

    protected List<String> deliveries(String messageId) {
        return deliveries(messageId, KENT);
    }

    /** The journey's events for one recipient as "type: detail". */
    protected List<String> eventsFor(String messageId, String recipient, String token) {
        List<String> events = new ArrayList<>();
        json(get("/api/v1/messages/" + messageId, token).body()).get("events").forEach(e -> {
            if (recipient.equals(e.path("recipient").asText(null))) {
                events.add(e.get("type").asText() + ": " + e.get("detail").asText());
            }
        });
        return events;
    }

    /** Submits a canonical-json golden case to a system and returns the acknowledgement. */
    protected JsonNode submitCase(String system, String token, String caseName) {
        HttpResponse<String> response = submit(system, token, caseFile(caseName, "input.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body());
    }

    /**
     * The exact output a recipient format's golden case expects, for the record the hub accepted with
     * {@code ack} from {@code system}: the case's expected file with the hub's message id, receipt time and
     * source system. JSON is given as sent (compact); XML and CSV byte for byte.
     */
    protected static String expectedOutput(String format, String caseName, String extension, JsonNode ack,
            String system) {
        try {
            String text = Files.readString(Path.of("mappings", format, "cases", caseName, "expected." + extension))
                    .replace(GOLDEN_MESSAGE_ID, ack.get("messageId").asText())
                    .replace(GOLDEN_RECEIVED_AT, ack.get("receivedAt").asText())
                    .replace("<SourceSystem>custody</SourceSystem>", "<SourceSystem>" + system + "</SourceSystem>");
            return extension.equals("json")
                    ? CanonicalJson.mapper().writeValueAsString(CanonicalJson.mapper().readTree(text)) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The exact canonical JSON the hub makes of {@link #variant}{@code (caseName, changes)} accepted with
     * {@code ack} from {@code system}: the case's expected output with the same changes and the hub's ids.
     */
    protected static String expectedCanonical(String caseName, Map<String, Object> changes, String system,
            JsonNode ack) {
        try {
            ObjectNode expected = (ObjectNode) json(new String(caseFile(caseName, "expected.json")));
            changes.forEach((pointer, value) -> set(expected, pointer, value));
            ObjectNode envelope = (ObjectNode) expected.get("envelope");
            envelope.put("messageId", ack.get("messageId").asText());
            envelope.put("sourceSystem", system);
            envelope.put("receivedAt", ack.get("receivedAt").asText());
            return CanonicalJson.mapper().writeValueAsString(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A canonical-json golden case's input with envelope and body fields replaced, for variants of a record. */
    protected static byte[] variant(String caseName, Map<String, Object> changes) {
        try {
            ObjectNode record = (ObjectNode) json(new String(caseFile(caseName, "input.json")));
            changes.forEach((pointer, value) -> set(record, pointer, value));
            return CanonicalJson.mapper().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(JsonNode record, String pointer, Object value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = record.at(pointer.substring(0, slash));
        String field = pointer.substring(slash + 1);
        if (value == null) {
            ((ObjectNode) parent).remove(field);
        } else {
            ((ObjectNode) parent).set(field, CanonicalJson.mapper().valueToTree(value));
        }
    }
}
