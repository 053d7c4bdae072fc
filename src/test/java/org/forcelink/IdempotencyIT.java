package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An idempotency key whose first request left no stored answer is still answered, or taken over. */
class IdempotencyIT extends HubTestSupport {

    private static final String RECORDS = "/api/v1/records/custody";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void answerLostAfterAcceptanceComesFromTheJourney() {
        byte[] body = caseFile("custody-with-medication", "input.json");
        Map<String, String> key = Map.of("Idempotency-Key", "lost-answer-" + UUID.randomUUID());
        JsonNode first = json(post(RECORDS, KENT, "application/json", body, key).body());
        String id = first.get("messageId").asText();
        await().until(() -> get("/api/v1/messages/" + id, KENT).statusCode() == 200);
        // the answer is stored off the request, by the answer writer: wait for it before losing it
        await().until(() -> jdbc.queryForObject("select count(*) from idempotency_key where message_id = ?"
                + " and answer is not null", Integer.class, id) == 1);
        jdbc.update("update idempotency_key set answer = null, http_status = null where message_id = ?", id);

        HttpResponse<String> again = post(RECORDS, KENT, "application/json", body, key);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        JsonNode ack = json(again.body());
        assertThat(ack.get("messageId").asText()).isEqualTo(id);
        assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(ack.get("receivedAt").asText()).isEqualTo(first.get("receivedAt").asText());
    }

    @Test
    void claimOfARequestThatDiedIsTakenOverAndTheRecordAccepted() throws Exception {
        byte[] body = caseFile("custody-with-medication", "input.json");
        String key = "died-" + UUID.randomUUID();
        String deadMessageId = UUID.randomUUID().toString();
        jdbc.update("insert into idempotency_key (force_code, system_id, idem_key, body_sha256, message_id, created_at)"
                + " values (?, ?, ?, ?, ?, ?)", "kent", "custody", key,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), deadMessageId,
                Timestamp.from(Instant.now().minusSeconds(120)));

        HttpResponse<String> response = post(RECORDS, KENT, "application/json", body, Map.of("Idempotency-Key", key));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
        String id = json(response.body()).get("messageId").asText();
        // The dead request may have put the record on the ingest queue before it died: the retry goes out
        // under the same message id, so the broker's duplicate detection keeps only one copy.
        assertThat(id).isEqualTo(deadMessageId);
        assertThat(jdbc.queryForObject("select message_id from idempotency_key where idem_key = ?", String.class, key))
                .isEqualTo(id);
        HttpResponse<String> replay = post(RECORDS, KENT, "application/json", body, Map.of("Idempotency-Key", key));
        assertThat(json(replay.body()).get("messageId").asText()).isEqualTo(id);
    }

    @Test
    void claimOfARequestAnswered503IsTakenOverAtOnceUnderItsMessageId() throws Exception {
        byte[] body = caseFile("custody-with-medication", "input.json");
        String key = "gave-up-" + UUID.randomUUID();
        String firstMessageId = UUID.randomUUID().toString();
        jdbc.update("insert into idempotency_key (force_code, system_id, idem_key, body_sha256, message_id,"
                + " http_status, created_at) values (?, ?, ?, ?, ?, 503, ?)", "kent", "custody", key,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)), firstMessageId,
                Timestamp.from(Instant.now()));

        long started = System.nanoTime();
        HttpResponse<String> response = post(RECORDS, KENT, "application/json", body, Map.of("Idempotency-Key", key));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body()).get("messageId").asText()).isEqualTo(firstMessageId);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for a stale claim")
                .isLessThan(Duration.ofSeconds(4));
        await().untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select http_status from idempotency_key where idem_key = ?", Integer.class, key)).isEqualTo(202));
    }
}
