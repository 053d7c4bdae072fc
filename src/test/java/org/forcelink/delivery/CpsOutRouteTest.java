package org.forcelink.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * routes/cps-out.camel.yaml: case files as CPS JSON over HTTP, the ACK recorded, a NACK or a missing
 * required field holding the case file for CPS with the reason, a corrected version releasing it.
 */
class CpsOutRouteTest extends OneByOneRouteContract {

    private static final String CORRECTED_ID = "22222222-2222-4222-8222-222222222222";

    CpsOutRouteTest() {
        super("cps");
    }

    @Override
    String input() throws Exception {
        return golden("cps-json", "case-file", Map.of());
    }

    @Override
    String expectedBody() throws Exception {
        return expected("cps-json", "case-file", "json");
    }

    @Override
    String contentType() {
        return "application/json";
    }

    @Test
    void anAckIsRecordedWithTheRecipientsReference() throws Exception {
        recipientAnswers = exchange -> new RecipientAnswer(RecipientAnswer.Outcome.ACK,
                "ACK from cps, reference CPS-000042", null, "CPS-000042");
        startRoute();

        deliver(input());

        assertThat(journey.events()).containsExactly(
                new Event(MESSAGE_ID, "delivered", "cps-out", "cps", "ACK from cps, reference CPS-000042"));
        assertThat(holds.find("cps", identity(MESSAGE_ID, 1))).isEmpty();
    }

    @Test
    void aNackHoldsTheCaseFileWithTheRecipientsReasonUntilACorrectedVersionIsAcked() throws Exception {
        recipientAnswers = exchange -> MESSAGE_ID.equals(messageId(exchange))
                ? new RecipientAnswer(RecipientAnswer.Outcome.NACK, "NACK from cps",
                        "Defendant date of birth does not match PNC", null)
                : new RecipientAnswer(RecipientAnswer.Outcome.ACK, "ACK from cps, reference CPS-000043", null,
                        "CPS-000043");
        startRoute();

        deliver(input());

        String reason = "NACK from cps: Defendant date of birth does not match PNC; a corrected version releases it";
        assertThat(journey.events()).containsExactly(new Event(MESSAGE_ID, "held", "cps-out", "cps", reason));
        assertThat(holds.find("cps", identity(MESSAGE_ID, 1))).hasValueSatisfying(hold -> {
            assertThat(hold.reason()).isEqualTo(reason);
            assertThat(hold.record().messageId()).isEqualTo(MESSAGE_ID);
        });

        deliver(golden("cps-json", "case-file", Map.of("/envelope/messageId", CORRECTED_ID,
                "/envelope/sourceVersion", 2, "/caseFile/defendant/dateOfBirth", "1990-02-15")));

        assertThat(journey.events()).containsExactly(
                new Event(MESSAGE_ID, "held", "cps-out", "cps", reason),
                new Event(MESSAGE_ID, "held", "cps-out", "cps", "released: superseded by corrected version 2"
                        + " (message " + CORRECTED_ID + "); this version will not be delivered to cps"),
                new Event(CORRECTED_ID, "delivered", "cps-out", "cps", "ACK from cps, reference CPS-000043"));
        assertThat(holds.find("cps", identity(CORRECTED_ID, 2))).isEmpty();
        assertThat(body(sent.get(1))).contains("\"dateOfBirth\":\"1990-02-15\"", "\"version\":2");
    }

    @Test
    void aCaseFileWithoutTheAsnCpsRequiresIsHeldWithoutBeingSent() throws Exception {
        startRoute();

        Exchange result = deliver(golden("cps-json", "case-file", Map.of("/caseFile/asn", "")));

        assertThat(result.getException()).isNull();
        assertThat(sent).isEmpty();
        assertThat(journey.events()).containsExactly(new Event(MESSAGE_ID, "held", "cps-out", "cps",
                "missing required field /caseFile/asn; a corrected version releases it"));
    }

    @Test
    void everyMissingRequiredFieldIsNamed() throws Exception {
        startRoute();

        deliver(golden("cps-json", "case-file", Map.of("/caseFile/asn", "", "/caseFile/firstHearing", Map.of())));

        assertThat(journey.events()).extracting(Event::detail).containsExactly("missing required fields"
                + " /caseFile/asn, /caseFile/firstHearing/courtCode; a corrected version releases it");
    }

    @Test
    void aSameOrLowerVersionDoesNotReleaseAHold() throws Exception {
        startRoute();
        deliver(golden("cps-json", "case-file", Map.of("/caseFile/asn", "", "/envelope/sourceVersion", 3)));

        deliver(golden("cps-json", "case-file", Map.of("/envelope/messageId", CORRECTED_ID,
                "/envelope/sourceVersion", 3)));

        assertThat(journey.events()).extracting(Event::messageId, Event::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MESSAGE_ID, "held"),
                org.assertj.core.groups.Tuple.tuple(CORRECTED_ID, "delivered"));
        assertThat(holds.find("cps", identity(MESSAGE_ID, 3))).hasValueSatisfying(hold ->
                assertThat(hold.record().messageId()).isEqualTo(MESSAGE_ID));
    }

    private static String messageId(Exchange exchange) {
        return exchange.getIn().getHeader(org.forcelink.ForceLinkHeaders.MESSAGE_ID, String.class);
    }

    private static RecordIdentity identity(String messageId, int version) {
        return new RecordIdentity(messageId, "kent", "custody", "46KA0412326", version);
    }
}
