package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Records held for one recipient: a cps NACK and a record missing a field a recipient requires both
 * show on the journey as held with the reason, for that recipient only, and a corrected version of the
 * same source record (higher sourceVersion) releases them: it is delivered and the held version's
 * journey says what became of it.
 */
class HeldDeliveriesIT extends RecipientTestSupport {

    @AfterEach
    void cpsAnswersNormallyAgain() {
        stubBehaves("cps", "ok", null);
    }

    @Test
    void aCpsNackHoldsTheCaseFileWithCpssReasonAndACorrectedVersionReleasesIt() {
        String sourceRecordId = "46KA" + UUID.randomUUID();
        stubBehaves("cps", "nack", "Defendant date of birth does not match PNC");
        String first = accepted(variant("case-file", Map.of("/envelope/sourceRecordId", sourceRecordId)));
        String nack = "NACK from cps: Defendant date of birth does not match PNC; a corrected version releases it";

        await().atMost(DELIVERY).until(() -> deliveries(first).equals(List.of("cps HELD")));
        assertThat(journey(first).get("deliveries").get(0).get("reason").asText()).isEqualTo(nack);

        stubBehaves("cps", "ok", null);
        String corrected = accepted(variant("case-file", Map.of("/envelope/sourceRecordId", sourceRecordId,
                "/envelope/sourceVersion", 2, "/caseFile/defendant/dateOfBirth", "1990-02-15")));

        await().atMost(DELIVERY).until(() -> deliveries(corrected).equals(List.of("cps DELIVERED")));
        String released = "released: superseded by corrected version 2 (message " + corrected
                + "); this version will not be delivered to cps";
        await().atMost(DELIVERY).until(() -> eventsFor(first, "cps", KENT).size() == 3);
        assertThat(eventsFor(first, "cps", KENT)).containsExactly(
                "routed: subscription cps: case files with at least one charge",
                "held: " + nack,
                "held: " + released);
        assertThat(journey(first).get("deliveries").get(0).get("reason").asText()).isEqualTo(released);
        assertThat(bodiesFor("cps", corrected)).singleElement().asString().contains("\"dateOfBirth\":\"1990-02-15\"");
    }

    @Test
    void aCaseFileWithoutAnAsnIsHeldForCpsUntilACorrectedVersionBringsOne() {
        String sourceRecordId = "46KA" + UUID.randomUUID();
        String first = accepted(variant("case-file", Map.of("/envelope/sourceRecordId", sourceRecordId,
                "/caseFile/asn", "")));

        String missing = "missing required field /caseFile/asn; a corrected version releases it";
        await().atMost(DELIVERY).until(() -> deliveries(first).equals(List.of("cps HELD")));
        assertThat(eventsFor(first, "cps", KENT)).containsExactly(
                "routed: subscription cps: case files with at least one charge", "held: " + missing);
        assertThat(bodiesFor("cps", first)).isEmpty();

        String corrected = accepted(variant("case-file", Map.of("/envelope/sourceRecordId", sourceRecordId,
                "/envelope/sourceVersion", 2)));

        await().atMost(DELIVERY).until(() -> deliveries(corrected).equals(List.of("cps DELIVERED")));
        await().atMost(DELIVERY).until(() -> eventsFor(first, "cps", KENT).size() == 3);
        assertThat(eventsFor(first, "cps", KENT).get(2)).isEqualTo("held: released: superseded by corrected"
                + " version 2 (message " + corrected + "); this version will not be delivered to cps");
        assertThat(bodiesFor("cps", corrected)).singleElement().asString()
                .contains("\"asn\":\"2646KT0100000412351V\"");
    }

    @Test
    void aCustodyRecordWithoutTheDateOfBirthHealthcareNeedsIsHeldForCustodyHealthOnly() {
        String sourceRecordId = "46MA/" + UUID.randomUUID();
        String first = accepted(variant("custody-with-medication", Map.of("/envelope/sourceRecordId", sourceRecordId,
                "/custody/detainee/dateOfBirth", "")));

        await().atMost(DELIVERY).until(() -> deliveries(first).equals(
                List.of("pnd DELIVERED", "custody-health HELD", "essex-custody DELIVERED")));
        assertThat(journey(first).get("deliveries").get(1).get("reason").asText())
                .isEqualTo("missing required field /custody/detainee/dateOfBirth; a corrected version releases it");
        assertThat(bodiesFor("custody-health", first)).isEmpty();

        String corrected = accepted(variant("custody-with-medication", Map.of("/envelope/sourceRecordId",
                sourceRecordId, "/envelope/sourceVersion", 8)));

        await().atMost(DELIVERY).until(() -> deliveries(corrected).equals(
                List.of("pnd DELIVERED", "custody-health DELIVERED", "essex-custody DELIVERED")));
        await().atMost(DELIVERY).until(() -> deliveries(first).equals(
                List.of("pnd DELIVERED", "custody-health HELD", "essex-custody DELIVERED"))
                && journey(first).get("deliveries").get(1).get("reason").asText().startsWith("released"));
        assertThat(journey(first).get("deliveries").get(1).get("reason").asText()).isEqualTo("released: superseded"
                + " by corrected version 8 (message " + corrected + "); this version will not be delivered to"
                + " custody-health");
        assertThat(bodiesFor("custody-health", corrected)).singleElement().asString()
                .contains("\"dateOfBirth\":\"1990-02-14\"");
    }

    private String accepted(byte[] record) {
        JsonNode ack = json(submit("custody", KENT, record).body());
        assertThat(ack.get("status").asText()).startsWith("ACCEPTED");
        return ack.get("messageId").asText();
    }
}
