package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.forcelink.delivery.DailyFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Every recipient of the default subscriptions receives exactly its golden output for a golden
 * canonical record, end to end: over HTTP (pnd, cps), JMS (custody-health), SOAP (metropolitan-records)
 * and the daily file (home-office-stats), each with the hub's message id and its own credentials, and
 * none with a field outside its allow-list.
 */
class RecipientsIT extends RecipientTestSupport {

    @Autowired
    DailyFiles dailyFiles;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    CamelContext camel;
    @Autowired
    JmsTemplate jms;

    @Test
    void pndGetsPndXmlOverHttpWithItsBearerToken() {
        JsonNode ack = submitCase("custody", KENT, "nominal");
        String id = ack.get("messageId").asText();

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("pnd DELIVERED")));

        JsonNode received = receivedBy("pnd", id);
        assertThat(received.get("body").asText()).isEqualTo(expectedOutput("pnd-xml", "nominal", "xml", ack, "custody"));
        assertThat(received.get("contentType").asText()).isEqualTo("application/xml");
        assertThat(received.get("authorization").asText()).isEqualTo("Bearer dev-token-pnd");
    }

    @Test
    void pndGetsIntelligenceTextButCustodyHealthNeverSeesIntelligence() {
        JsonNode ack = submitCase("custody", KENT, "intelligence");
        String id = ack.get("messageId").asText();

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("pnd DELIVERED")));

        assertThat(receivedBy("pnd", id).get("body").asText())
                .isEqualTo(expectedOutput("pnd-xml", "intelligence", "xml", ack, "custody"));
        assertThat(bodiesFor("custody-health", id)).isEmpty();
    }

    @Test
    void cpsGetsTheCaseFileAsJsonWithBasicCredentialsAndItsAckIsRecorded() {
        JsonNode ack = submitCase("custody", KENT, "case-file");
        String id = ack.get("messageId").asText();

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(List.of("cps DELIVERED")));

        JsonNode received = receivedBy("cps", id);
        String body = received.get("body").asText();
        assertThat(body).isEqualTo(expectedOutput("cps-json", "case-file", "json", ack, "custody"));
        // Outside cps's allow-list: the force's own person id and the custody number.
        assertThat(body).doesNotContain("KT-P-0048213", "46MA/01873/26", "custodyNumber");
        assertThat(received.get("authorization").asText())
                .isEqualTo("Basic Zm9yY2VsaW5rOmRldi1wYXNzd29yZC1jcHM=");
        assertThat(eventsFor(id, "cps", KENT)).last().asString().matches("delivered: ACK from cps, reference CPS-\\d{6}");
    }

    @Test
    void custodyHealthGetsHealthJsonOnItsQueueWithTheMessageIdProperty() {
        JsonNode ack = submitCase("custody", KENT, "custody-with-medication");
        String id = ack.get("messageId").asText();

        await().atMost(DELIVERY).until(() -> bodiesFor("custody-health", id).size() == 1);

        JsonNode received = receivedBy("custody-health", id);
        String body = received.get("body").asText();
        assertThat(body).isEqualTo(expectedOutput("custody-health-json", "custody-with-medication", "json", ack,
                "custody"));
        assertThat(received.get("contentType").asText()).isEqualTo("application/json");
        // No intelligence text: warning markers, arrest reason and risk notes are outside its allow-list.
        assertThat(body).doesNotContain("Self-harm: overdose", "Violent: assault", "PACE s.24", "Discloses depression",
                "Cherrywood Close", "2008/0123456X");
    }

    @Test
    void theMetsRecordsSystemGetsTransfersOverSoapInItsOwnFormat() {
        Map<String, Object> toTheMet = Map.of("/custody/transfer/toForce", "metropolitan",
                "/envelope/sourceRecordId", "46MA/01873/26-met");
        byte[] record = variant("custody-with-medication", toTheMet);
        JsonNode ack = json(submit("custody", KENT, record).body());
        String id = ack.get("messageId").asText();

        await().atMost(DELIVERY).until(() -> deliveries(id).equals(
                List.of("pnd DELIVERED", "custody-health DELIVERED", "metropolitan-records DELIVERED")));

        JsonNode received = receivedBy("metropolitan-records", id);
        // The Met's records system is of the canonical-json family: it gets the record as canonical JSON.
        assertThat(received.get("body").asText()).isEqualTo(expectedCanonical("custody-with-medication", toTheMet,
                "custody", ack));
        assertThat(received.get("contentType").asText()).startsWith("text/xml");
        assertThat(received.get("authorization").asText()).isEqualTo("Basic Zm9yY2VsaW5rOmRldi1wYXNzd29yZC1tZXQ=");
        assertThat(eventsFor(id, "metropolitan-records", KENT)).last().asString()
                .matches("delivered: SOAP ACK from metropolitan-records, reference METROPOLITAN-RECORDS-\\d{6}");
        assertThat(bodiesFor("essex-custody", id)).isEmpty();
    }

    @Test
    void homeOfficeStatisticsGetAFileOfCountsWithNoPersonalDataAndAManifest() throws Exception {
        writeWhatIsPending();
        JsonNode ack = submitCase("crime", KENT, "crime-two-offences");
        String id = ack.get("messageId").asText();
        await().atMost(DELIVERY).until(() -> dailyFiles.isPending("home-office-stats", id));

        Path file = Path.of(producer.requestBody("direct:home-office-stats-file", null, String.class));

        assertThat(Files.readString(file)).isEqualTo(expectedOutput("home-office-stats-csv", "crime-two-offences",
                "csv", ack, "crime"));
        assertThat(Files.readString(file)).doesNotContain("Brannigan", "1990-02-14", "Lindqvist", "46/221874/26");
        String name = file.getFileName().toString();
        assertThat(name).matches("home-office-stats-\\d{4}-\\d{2}-\\d{2}(-\\d+)?\\.csv");
        assertThat(file.getParent()).isEqualTo(DATA_DIR.resolve("feeds/home-office-stats"));
        JsonNode manifest = json(Files.readString(file.resolveSibling(name.replace(".csv", ".manifest.json"))));
        assertThat(manifest.get("file").asText()).isEqualTo(name);
        assertThat(manifest.get("messageIds").toString()).isEqualTo("[\"" + id + "\"]");
        await().atMost(DELIVERY).until(() -> deliveries(id).equals(
                List.of("pnd DELIVERED", "home-office-stats DELIVERED")));
        assertThat(eventsFor(id, "home-office-stats", KENT)).last().isEqualTo("delivered: counted in " + name);
    }

    /** Writes a file of whatever earlier tests left pending, once nothing is on its way to the statistics. */
    private void writeWhatIsPending() {
        await().atMost(DELIVERY).until(() -> camel.getInflightRepository().size("home-office-stats-out") == 0
                && Boolean.TRUE.equals(jms.browse("canonical::deliver.home-office-stats",
                        (session, browser) -> !browser.getEnumeration().hasMoreElements())));
        producer.requestBody("direct:home-office-stats-file", null, String.class);
    }

    private JsonNode receivedBy(String recipient, String messageId) {
        List<JsonNode> found = received(recipient).stream()
                .filter(r -> messageId.equals(r.path("messageId").asText())).toList();
        assertThat(found).as("%s received %s once", recipient, messageId).hasSize(1);
        return found.get(0);
    }
}
