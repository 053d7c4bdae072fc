package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * One force can neither submit as another nor read another's records, whatever the channel: a record is
 * always the sending credential's force's (a claim to be another force in the record is a warning, never
 * an attribution), the journey of a record submitted by file, SOAP or JMS is read by its own force and is
 * "not found" for any other, and on the broker a force may only send to its own inbound queues and read
 * its own acknowledgements.
 */
class ForceIsolationIT extends HubTestSupport {

    private static final Duration ANSWERED = Duration.ofSeconds(30);
    private static final Pattern MESSAGE_ID = Pattern.compile("<messageId>([0-9a-f-]{36})</messageId>");

    /** A custody record of the golden case under its own number, claiming to come from {@code claimedForce}. */
    private static String custody(String number, String claimedForce) {
        ObjectNode record = (ObjectNode) json(new String(caseFile("custody-with-medication", "input.json"),
                StandardCharsets.UTF_8));
        ((ObjectNode) record.get("envelope")).put("sourceRecordId", number).put("sourceForce", claimedForce);
        ((ObjectNode) record.get("custody")).put("custodyNumber", number);
        return record.toString();
    }

    /** Reads the journey as both forces: the owner sees it as its own, the other force is told it does not exist. */
    private void onlyItsOwnForceReadsTheJourney(String messageId, String number, String ownerToken, String owner,
            String otherToken) {
        await().atMost(ANSWERED).until(() -> get("/api/v1/messages/" + messageId, ownerToken).statusCode() == 200);
        JsonNode journey = json(get("/api/v1/messages/" + messageId, ownerToken).body());
        assertThat(journey.get("force").asText()).isEqualTo(owner);

        HttpResponse<String> other = get("/api/v1/messages/" + messageId, otherToken);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other.body()).get("detail").asText()).isEqualTo("no record " + messageId + " for this force");
        String byKey = "/api/v1/messages?key=" + URLEncoder.encode(number, StandardCharsets.UTF_8);
        assertThat(get(byKey, ownerToken).body()).contains(messageId);
        HttpResponse<String> otherSearch = get(byKey, otherToken);
        assertThat(otherSearch.statusCode()).isEqualTo(200);
        assertThat(otherSearch.body()).doesNotContain(messageId);
    }

    @Test
    void aFileInKentsInboxClaimingToBeEssexIsKentsAndEssexCannotReadIt() throws IOException {
        Path inbox = Files.createDirectories(DATA_DIR.resolve("inbox/kent/custody-export"));
        Path part = Files.writeString(inbox.resolve("isolation.jsonl.part"), custody("01MP/ISO001/26", "essex") + "\n");
        Files.move(part, inbox.resolve("isolation.jsonl"), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(ANSWERED).until(() -> ackOf("kent", "isolation.jsonl").isPresent());
        JsonNode line = json(Files.readString(ackOf("kent", "isolation.jsonl").orElseThrow())).get("records").get(0);

        assertThat(line.get("status").asText()).isEqualTo("ACCEPTED_WITH_EXCEPTIONS");
        assertThat(line.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-FORCE-MISMATCH");
        assertThat(ackOf("essex", "isolation.jsonl")).isEmpty();
        onlyItsOwnForceReadsTheJourney(line.get("messageId").asText(), "01MP/ISO001/26", KENT, "kent", ESSEX);
    }

    @Test
    void overSoapKentsTokenSubmitsOnlyAsKentAndEssexCannotReadWhatKentSent() {
        String envelope = """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:fl="urn:forcelink:records:v1">
                  <soapenv:Body><fl:SubmitRecord><fl:system>custody</fl:system>
                    <fl:payload><![CDATA[%s]]></fl:payload></fl:SubmitRecord></soapenv:Body>
                </soapenv:Envelope>""".formatted(custody("01MP/ISO002/26", "essex"));

        HttpResponse<String> response = post("/services/records", KENT, "text/xml; charset=UTF-8",
                envelope.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("<status>ACCEPTED_WITH_EXCEPTIONS</status>", "<code>FL-FORCE-MISMATCH</code>");
        Matcher id = MESSAGE_ID.matcher(response.body());
        assertThat(id.find()).isTrue();
        onlyItsOwnForceReadsTheJourney(id.group(1), "01MP/ISO002/26", KENT, "kent", ESSEX);
    }

    @Test
    void onTheBrokerKentSendsOnlyToItsOwnQueuesAndEssexCannotReadKentsRecordOrAnswers() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
        try (Connection kent = factory.createConnection("kent", KENT);
                Connection essex = factory.createConnection("essex", ESSEX)) {
            kent.start();
            essex.start();
            Session kentSession = kent.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session essexSession = essex.createSession(false, Session.AUTO_ACKNOWLEDGE);

            TextMessage record = kentSession.createTextMessage(custody("01MP/ISO003/26", "essex"));
            record.setJMSCorrelationID("isolation-1");
            try (MessageProducer producer = kentSession.createProducer(kentSession.createQueue("inbound.kent.custody"))) {
                producer.send(record);
            }
            Message answer;
            try (MessageConsumer acks = kentSession.createConsumer(kentSession.createQueue("acks.kent"),
                    "JMSCorrelationID = 'isolation-1'")) {
                answer = acks.receive(ANSWERED.toMillis());
            }
            JsonNode ack = json(((TextMessage) answer).getText());
            assertThat(ack.get("status").asText()).isEqualTo("ACCEPTED_WITH_EXCEPTIONS");
            assertThat(ack.get("exceptions").get(0).get("code").asText()).isEqualTo("FL-FORCE-MISMATCH");
            onlyItsOwnForceReadsTheJourney(ack.get("messageId").asText(), "01MP/ISO003/26", KENT, "kent", ESSEX);

            assertThatThrownBy(() -> essexSession.createConsumer(essexSession.createQueue("acks.kent")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> essexSession.createProducer(essexSession.createQueue("inbound.kent.custody"))
                    .send(essexSession.createTextMessage(custody("01MP/ISO004/26", "kent"))))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> essexSession.createBrowser(essexSession.createQueue("inbound.kent.custody"))
                    .getEnumeration().hasMoreElements()).isInstanceOf(JMSSecurityException.class);
        }
    }

    private static Optional<Path> ackOf(String force, String name) {
        Path acks = DATA_DIR.resolve("acks").resolve(force);
        if (!Files.isDirectory(acks)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(acks)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
