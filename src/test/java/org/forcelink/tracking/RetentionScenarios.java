package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention: payloads go after their record type's period (the journey stays, with a purged step),
 * journeys after the longer journey period, idempotency keys after 7 days; each run is on record.
 */
public interface RetentionScenarios extends Hub {

    @Test
    default void retentionPurgesOldPayloadsJourneysAndIdempotencyKeysAndKeepsTheRest() {
        JdbcTemplate jdbc = bean(JdbcTemplate.class);
        String oldPayload = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId())).get("messageId")
                .asText();
        String oldJourney = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId())).get("messageId")
                .asText();
        String recent = accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId())).get("messageId")
                .asText();
        String quarantined = Hub.json(submit("custody", KENT, "{\"broken\":").body()).get("messageId").asText();
        journeysWritten();
        Instant now = Instant.now();
        backdate(jdbc, oldPayload, now.minus(Duration.ofDays(91)));
        backdate(jdbc, oldJourney, now.minus(Duration.ofDays(2191)));
        jdbc.update("update quarantine set received_at = ? where message_id = ?", Timestamp.from(now.minus(
                Duration.ofDays(91))), quarantined);
        String oldKey = Hub.unique("old-key-");
        String freshKey = Hub.unique("fresh-key-");
        jdbc.update("insert into idempotency_key (force_code, system_id, idem_key, body_sha256, message_id, created_at)"
                + " values ('kent', 'crime', ?, 'x', ?, ?)", oldKey, oldPayload, Timestamp.from(now.minus(
                        Duration.ofDays(8))));
        jdbc.update("insert into idempotency_key (force_code, system_id, idem_key, body_sha256, message_id, created_at)"
                + " values ('kent', 'crime', ?, 'x', ?, ?)", freshKey, recent, Timestamp.from(now.minus(
                        Duration.ofDays(6))));

        HttpResponse<String> response = postAs("admin", "/api/v1/retention/run", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode run = Hub.json(response.body());
        assertThat(run.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("actor").asText()).isEqualTo("admin");
        // The six-year-old record's payload goes first, with the 91-day-old one; then its whole journey.
        assertThat(run.get("payloadsPurged").asLong()).isEqualTo(2);
        assertThat(run.get("quarantinePurged").asLong()).isEqualTo(1);
        assertThat(run.get("journeysPurged").asLong()).isEqualTo(1);
        assertThat(run.get("idempotencyPurged").asLong()).isEqualTo(1);
        HttpResponse<String> gone = getAs("operator", "/api/v1/messages/" + oldPayload + "/payload?reason=audit");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(Hub.json(gone.body()).get("type").asText()).isEqualTo("urn:forcelink:problem:payload-purged");
        assertThat(steps(oldPayload, "purged")).containsExactly("retention: payload purged: crime payloads are kept 90"
                + " days (retention run " + run.get("id").asLong() + ")");
        assertThat(getAs("operator", "/api/v1/quarantine/" + quarantined + "?reason=audit").statusCode()).isEqualTo(200);
        assertThat(Hub.json(getAs("operator", "/api/v1/quarantine/" + quarantined + "?reason=audit").body())
                .has("purgedAt")).isTrue();
        assertThat(getAs("admin", "/api/v1/messages/" + oldJourney).statusCode()).isEqualTo(404);
        assertThat(getAs("operator", "/api/v1/messages/" + recent + "/payload?reason=audit").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("select idem_key from idempotency_key where idem_key in (?, ?)", String.class,
                oldKey, freshKey)).containsExactly(freshKey);
        JsonNode runs = Hub.json(getAs("viewer", "/api/v1/retention/runs").body()).get("runs");
        assertThat(runs.get(0).get("id").asLong()).isEqualTo(run.get("id").asLong());
    }

    private static void backdate(JdbcTemplate jdbc, String messageId, Instant at) {
        Timestamp then = Timestamp.from(at);
        jdbc.update("update message set received_at = ? where message_id = ?", then, messageId);
        jdbc.update("update payload set received_at = ? where message_id = ?", then, messageId);
    }

    private List<String> steps(String messageId, String type) {
        List<String> steps = new ArrayList<>();
        Hub.json(getAs("admin", "/api/v1/messages/" + messageId).body()).get("events").forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                steps.add(e.get("actor").asText() + ": " + e.get("detail").asText());
            }
        });
        return steps;
    }
}
