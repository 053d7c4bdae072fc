package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Idempotency by source record id and version (ARCHITECTURE 3.4), held in the database every hub instance
 * shares: the same version with the same content gets the first answer again and is not forwarded twice;
 * with different content it is a 409; a new version is a new record.
 */
public interface IdempotencyScenarios extends Hub {

    @Test
    default void sameSourceRecordVersionAndContentGetsTheFirstAnswerAndIsForwardedOnce() {
        String body = Hub.custodyRecord(Hub.unique("46MA/"), Hub.pncId());
        HttpResponse<String> first = submit("custody", KENT, body);
        String id = Hub.json(first.body()).get("messageId").asText();
        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("pnd DELIVERED", "custody-health DELIVERED")));

        HttpResponse<String> second = submit("custody", KENT, body);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body());
        // A later record through the same queues shows that nothing of the second request is still on its way.
        String later = accepted("custody", KENT, Hub.custodyRecord(Hub.unique("46MA/"), Hub.pncId()))
                .get("messageId").asText();
        await().atMost(DELIVERY).until(() -> deliveries(later).equals(List.of("pnd DELIVERED",
                "custody-health DELIVERED")));
        journeysWritten();
        assertThat(filesNamed("pnd", id)).isEqualTo(1);
        assertThat(filesNamed("custody-health", id)).isEqualTo(1);
        assertThat(eventTypes(id).stream().filter("received"::equals).count()).isEqualTo(1);
        assertThat(eventTypes(id).stream().filter("delivered"::equals).count()).isEqualTo(2);
    }

    @Test
    default void sameSourceRecordVersionWithOtherContentIs409AndANewVersionIsANewRecord() {
        String custodyNumber = Hub.unique("46MA/");
        String body = Hub.custodyRecord(custodyNumber, Hub.pncId());
        String first = accepted("custody", KENT, body).get("messageId").asText();
        String changed = body.replace("Maidstone Police Station custody suite", "Medway Police Station custody suite");

        HttpResponse<String> conflict = submit("custody", KENT, changed);
        HttpResponse<String> nextVersion = submit("custody", KENT, changed.replace("\"sourceVersion\" : 7",
                "\"sourceVersion\" : 8"));

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Hub.json(conflict.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:forcelink:problem:idempotency-conflict");
        assertThat(problem.get("detail").asText()).isEqualTo("source record " + custodyNumber
                + " version 7 was already received with different content");
        assertThat(nextVersion.statusCode()).isEqualTo(202);
        assertThat(nextVersion.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(Hub.json(nextVersion.body()).get("messageId").asText()).isNotEqualTo(first);
        HttpResponse<String> otherForce = submit("custody", ESSEX, body);
        assertThat(otherForce.statusCode()).isEqualTo(202);
        assertThat(otherForce.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    private List<String> deliveries(String messageId) {
        HttpResponse<String> response = asForce("GET", "/api/v1/messages/" + messageId, KENT, null, null);
        List<String> found = new ArrayList<>();
        if (response.statusCode() == 200) {
            Hub.json(response.body()).get("deliveries").forEach(d -> found.add(d.get("recipient").asText() + " "
                    + d.get("status").asText()));
        }
        return found;
    }

    private List<String> eventTypes(String messageId) {
        List<String> types = new ArrayList<>();
        Hub.json(asForce("GET", "/api/v1/messages/" + messageId, KENT, null, null).body()).get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private long filesNamed(String recipient, String messageId) {
        try (Stream<Path> files = Files.list(dataDir().resolve("feeds").resolve(recipient))) {
            return files.filter(f -> f.getFileName().toString().contains(messageId)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
