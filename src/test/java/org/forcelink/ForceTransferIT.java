package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A custody record from Kent for a detainee transferred to Essex arrives at Essex's custody system in
 * that system's own format (canonical JSON, the format its family submits), field for field as Kent
 * sent it, medication schedule included.
 */
class ForceTransferIT extends RecipientTestSupport {

    @Test
    void aDetaineeTransferredFromKentToEssexArrivesWithEveryFieldAndTheMedicationScheduleIntact() {
        byte[] source = variant("custody-with-medication", Map.of("/envelope/sourceRecordId", "46MA/01873/26-tx"));
        JsonNode ack = json(submit("custody", KENT, source).body());
        String id = ack.get("messageId").asText();

        await().atMost(DELIVERY).until(() -> bodiesFor("essex-custody", id).size() == 1);

        JsonNode atEssex = json(bodiesFor("essex-custody", id).get(0));
        JsonNode sent = json(new String(source));
        Map<String, JsonNode> sourceFields = leaves(sent);
        Map<String, JsonNode> essexFields = leaves(atEssex);
        // Every field Kent sent arrives unchanged; the hub adds only the envelope fields it owns.
        sourceFields.forEach((pointer, value) -> assertThat(essexFields.get(pointer)).as(pointer).isEqualTo(value));
        Map<String, JsonNode> added = new LinkedHashMap<>(essexFields);
        sourceFields.keySet().forEach(added::remove);
        assertThat(added.keySet()).containsExactly("/envelope/messageId", "/envelope/sourceForce",
                "/envelope/sourceSystem", "/envelope/receivedAt", "/envelope/schemaVersion", "/envelope/mapping/id",
                "/envelope/mapping/version");
        assertThat(atEssex.at("/envelope/messageId").asText()).isEqualTo(id);
        assertThat(atEssex.at("/envelope/sourceForce").asText()).isEqualTo("kent");
        assertThat(atEssex.at("/custody/medications")).isEqualTo(sent.at("/custody/medications"));
        assertThat(atEssex.at("/custody/medications").size()).isEqualTo(2);
        assertThat(atEssex.at("/custody/medications/1/dueTimes").toString())
                .isEqualTo("[\"08:00\",\"12:00\",\"16:00\",\"20:00\"]");
        assertThat(atEssex.at("/custody/medications/1/withheldReason").asText())
                .isEqualTo("20:00 dose declined by detainee; no wheeze observed, HCP informed");
        JsonNode delivery = received("essex-custody").stream().filter(r -> id.equals(r.get("messageId").asText()))
                .findFirst().orElseThrow();
        assertThat(delivery.get("contentType").asText()).isEqualTo("application/json");
        assertThat(delivery.get("authorization").asText()).isEqualTo("Bearer dev-token-essex-custody");
        await().atMost(DELIVERY).until(() -> deliveries(id).contains("essex-custody DELIVERED"));
        assertThat(bodiesFor("metropolitan-records", id)).isEmpty();
    }

    /** Every scalar of a JSON document by its JSON pointer (empty arrays count as a value). */
    static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect(node, "", leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String at, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), at + "/" + field.getKey(), leaves);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            for (int i = 0; i < items.size(); i++) {
                collect(items.get(i), at + "/" + i, leaves);
            }
        } else {
            leaves.put(at, node);
        }
    }
}
