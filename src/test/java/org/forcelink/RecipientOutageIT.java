package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.forcelink.delivery.RecipientsHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * A recipient that is down for a while: its records wait on its own queue in order, grouped by subject,
 * its circuit breaker opens, the other recipients keep receiving, and after recovery it gets every
 * record exactly once, in order per subject. A record it refuses is dead-lettered with the cause.
 */
class RecipientOutageIT extends RecipientTestSupport {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;
    @Autowired
    JmsTemplate jms;
    @Autowired
    RecipientsHealthIndicator recipientsHealth;

    @AfterEach
    void pndAnswersNormallyAgain() {
        stubBehaves("pnd", "ok", null);
    }

    @Test
    void pndDownForAWhileGetsEveryRecordAfterRecoveryInOrderPerSubjectNoneTwiceWhileOthersKeptReceiving()
            throws Exception {
        String subjectA = pncId();
        String subjectB = pncId();
        stubBehaves("pnd", "fail", null);
        int attemptsBefore = attempts("pnd");

        // Three versions of two people's nominal records, interleaved: A1 B1 A2 B2 A3 B3.
        Map<String, List<String>> sentBySubject = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (int version = 1; version <= 3; version++) {
            for (String pnc : List.of(subjectA, subjectB)) {
                String id = accepted(variant("nominal", Map.of("/nominal/pncId", pnc,
                        "/envelope/sourceRecordId", "KT-P-" + pnc, "/envelope/sourceVersion", version)));
                sentBySubject.computeIfAbsent(pnc, k -> new ArrayList<>()).add(id);
                all.add(id);
            }
        }

        // pnd is tried and fails, its breaker opens; nothing of ours has reached it.
        await().atMost(RECOVERY).until(() -> breakerState("open") == 1.0);
        assertThat(attempts("pnd")).isGreaterThan(attemptsBefore);
        assertThat(all).allSatisfy(id -> assertThat(bodiesFor("pnd", id)).isEmpty());
        assertThat(recipientsHealth.health().getDetails().get("pnd").toString()).contains("circuitBreaker=OPEN");
        await().atMost(DELIVERY).until(() -> all.stream().allMatch(id -> deliveries(id).equals(List.of("pnd PENDING"))));

        // Meanwhile the other recipients keep receiving: a custody record reaches healthcare and Essex.
        String custody = accepted(variant("custody-with-medication", Map.of("/envelope/sourceRecordId",
                "46MA/outage-" + subjectA)));
        await().atMost(DELIVERY).until(() -> deliveries(custody).containsAll(
                List.of("custody-health DELIVERED", "essex-custody DELIVERED")));
        assertThat(deliveries(custody)).contains("pnd PENDING");
        assertThat(all).allSatisfy(id -> assertThat(bodiesFor("pnd", id)).isEmpty());

        stubBehaves("pnd", "ok", null);

        await().atMost(RECOVERY).until(() -> all.stream().allMatch(id -> !bodiesFor("pnd", id).isEmpty()));
        List<String> arrived = received("pnd").stream().map(r -> r.get("messageId").asText())
                .filter(all::contains).toList();
        assertThat(arrived).hasSize(6).doesNotHaveDuplicates();
        assertThat(arrived.stream().filter(sentBySubject.get(subjectA)::contains).toList())
                .containsExactlyElementsOf(sentBySubject.get(subjectA));
        assertThat(arrived.stream().filter(sentBySubject.get(subjectB)::contains).toList())
                .containsExactlyElementsOf(sentBySubject.get(subjectB));
        assertThat(all).allSatisfy(id -> assertThat(bodiesFor("pnd", id)).hasSize(1));
        await().atMost(DELIVERY).until(() -> all.stream().allMatch(id -> deliveries(id).equals(
                List.of("pnd DELIVERED"))) && deliveries(custody).contains("pnd DELIVERED"));
        assertThat(breakerState("closed")).isEqualTo(1.0);
    }

    @Test
    void aRecordPndRefusesIsDeadLetteredWithTheCauseAndTheNextIsDelivered() {
        stubBehaves("pnd", "refuse", "element Nominal/Sex: value 'X' not allowed");
        String pnc = pncId();
        String refused = accepted(variant("nominal", Map.of("/nominal/pncId", pnc, "/envelope/sourceRecordId",
                "KT-P-" + pnc)));

        String cause = "HTTP 400 from pnd: {\"status\":\"REFUSED\",\"reason\":\"element Nominal/Sex: value 'X' not"
                + " allowed\"}";
        await().atMost(DELIVERY).until(() -> deliveries(refused).equals(List.of("pnd FAILED")));
        assertThat(journey(refused).get("deliveries").get(0).get("reason").asText())
                .isEqualTo("dead-lettered to dlq.pnd: " + cause);
        Message deadLetter = jms.browse("dlq.pnd", (session, browser) -> {
            for (Object message : Collections.list(browser.getEnumeration())) {
                if (refused.equals(property((Message) message, "forcelinkMessageId"))) {
                    return (Message) message;
                }
            }
            return null;
        });
        assertThat(deadLetter).isNotNull();
        assertThat(property(deadLetter, "forcelinkFailureCause")).isEqualTo(cause);
        assertThat(property(deadLetter, "forcelinkRecipient")).isEqualTo("pnd");
        // The subject and its message group, set at ingest, survived dispatch and pnd's queue.
        assertThat(property(deadLetter, "forcelinkSubject")).isEqualTo("pnc:" + pnc);
        assertThat(property(deadLetter, "JMSXGroupID")).isEqualTo("pnc:" + pnc);
        assertThat(json(textOf(deadLetter)).at("/envelope/messageId").asText()).isEqualTo(refused);

        stubBehaves("pnd", "ok", null);
        String next = accepted(variant("nominal", Map.of("/envelope/sourceRecordId", "KT-P-" + pncId())));
        await().atMost(DELIVERY).until(() -> deliveries(next).equals(List.of("pnd DELIVERED")));
    }

    private double breakerState(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", "pnd").tag("state", state).gauge().value();
    }

    private String accepted(byte[] record) {
        JsonNode ack = json(submit("custody", KENT, record).body());
        assertThat(ack.get("status").asText()).startsWith("ACCEPTED");
        return ack.get("messageId").asText();
    }

    /** A PNC ID no other test uses: year, slash, seven digits, letter. */
    private static String pncId() {
        return "2019/" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)) + "K";
    }

    private static String textOf(Message message) {
        try {
            return ((jakarta.jms.TextMessage) message).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
