package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Each legacy source family through its own channel, on the real embedded broker, to a recipient: a
 * fixed-width custody export and a crime CSV dropped as files, a case file in XML over SOAP, a records
 * management system's JSON over HTTP, and an intelligence message in XML on the broker. For each, the
 * canonical record the hub made equals the family's golden case exactly, and so does its field lineage.
 */
class LegacyFamiliesIT extends HubTestSupport {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String GOLDEN_ID = "11111111-1111-4111-8111-111111111111";
    private static final String GOLDEN_RECEIVED_AT = "2026-11-28T22:00:00Z";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${forcelink.broker.acceptor-url}")
    String acceptorUrl;
    @Value("${forcelink.broker.user}")
    String brokerUser;
    @Value("${forcelink.broker.password}")
    String brokerPassword;

    @Test
    void fixedWidthCustodyExportDroppedAsAFile() throws IOException {
        JsonNode record = dropAndAwaitAck("kent", "custody-legacy", "nightly-lf.txt",
                golden("custody-fixed-width", "nightly-detainee-with-two-medications", "input.txt"));

        assertMatchesGolden("custody-fixed-width", "nightly-detainee-with-two-medications", "kent", record);
    }

    @Test
    void crimeCsvDroppedAsAFile() throws IOException {
        JsonNode record = dropAndAwaitAck("hampshire", "crime", "crimes-lf.csv",
                golden("crime-csv", "shop-theft-two-offences", "input.csv"));

        assertMatchesGolden("crime-csv", "shop-theft-two-offences", "hampshire", record);
    }

    @Test
    void recordsManagementJsonOverHttp() {
        HttpResponse<String> response = post("/api/v1/records/rms", "dev-token-west-midlands", "application/json",
                golden("rms-json", "person-with-addresses-and-flag", "input.json"), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertMatchesGolden("rms-json", "person-with-addresses-and-flag", "west-midlands", json(response.body()));
    }

    @Test
    void caseFileXmlOverSoap() throws Exception {
        String xml = new String(golden("casefile-xml", "kent-two-charges-local-court-code", "input.xml"),
                StandardCharsets.UTF_8).replaceFirst("^\\uFEFF?<\\?xml[^>]*\\?>\\s*", "");
        String envelope = """
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                                  xmlns:fl="urn:forcelink:records:v1">
                  <soapenv:Header/>
                  <soapenv:Body><fl:SubmitRecord><fl:system>casefile</fl:system><fl:payload>%s</fl:payload></fl:SubmitRecord></soapenv:Body>
                </soapenv:Envelope>
                """.formatted(xml);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/records"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "")
                .header("Authorization", "Bearer " + KENT)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode ack = CanonicalJson.mapper().createObjectNode()
                .put("messageId", element(response.body(), "messageId"))
                .put("receivedAt", element(response.body(), "receivedAt"));
        assertMatchesGolden("casefile-xml", "kent-two-charges-local-court-code", "kent", ack);
    }

    @Test
    void intelligenceXmlOnTheBroker() throws Exception {
        Connection connection = new ActiveMQConnectionFactory(acceptorUrl).createConnection(brokerUser, brokerPassword);
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(new String(
                    golden("intel-xml", "two-subjects-graded", "input.xml"), StandardCharsets.UTF_8));
            message.setJMSCorrelationID("legacy-families-intel");
            try (MessageProducer producer = session.createProducer(session.createQueue("inbound.west-midlands.intel"))) {
                producer.send(message);
            }
            Message answer;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("acks.west-midlands"),
                    "JMSCorrelationID = 'legacy-families-intel'")) {
                answer = consumer.receive(WITHIN.toMillis());
            }
            assertThat(answer).as("acknowledgement on acks.west-midlands").isInstanceOf(TextMessage.class);
            assertMatchesGolden("intel-xml", "two-subjects-graded", "west-midlands",
                    json(((TextMessage) answer).getText()));
        } finally {
            connection.close();
        }
    }

    /**
     * The record was delivered, the canonical record the hub keeps for it is the golden case's expected
     * output (with the hub's message id and receipt time), and its journey's lineage is the golden lineage.
     */
    private void assertMatchesGolden(String family, String caseName, String force, JsonNode ack) {
        String id = ack.get("messageId").asText();
        String token = "dev-token-" + force;
        await().atMost(WITHIN).until(() -> {
            HttpResponse<String> journey = get("/api/v1/messages/" + id, token);
            return journey.statusCode() == 200
                    && json(journey.body()).get("deliveries").findValuesAsText("status").contains("DELIVERED");
        });
        String expected = new String(golden(family, caseName, "expected.json"), StandardCharsets.UTF_8)
                .replace(GOLDEN_ID, id).replace(GOLDEN_RECEIVED_AT, ack.get("receivedAt").asText());
        assertThat(HubApi.canonicalOf(port, id)).isEqualTo(compact(expected));
        JsonNode journey = json(get("/api/v1/messages/" + id, token).body());
        assertThat(compact(journey.get("lineage").toString()))
                .isEqualTo(compact(new String(golden(family, caseName, "lineage.json"), StandardCharsets.UTF_8)));
    }

    private JsonNode dropAndAwaitAck(String force, String system, String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(DATA_DIR.resolve("inbox").resolve(force).resolve(system));
        Path part = inbox.resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, inbox.resolve(name));
        Path acks = DATA_DIR.resolve("acks").resolve(force);
        await().atMost(WITHIN).until(() -> ackFile(acks, name).isPresent());
        JsonNode ack = json(Files.readString(ackFile(acks, name).orElseThrow()));
        assertThat(ack.get("records").size()).isEqualTo(1);
        return ack.get("records").get(0);
    }

    private static Optional<Path> ackFile(Path acks, String name) throws IOException {
        if (!Files.isDirectory(acks)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(acks)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".")
                    && f.getFileName().toString().endsWith(".ack.json")).findFirst();
        }
    }

    private static byte[] golden(String family, String caseName, String file) {
        try {
            return Files.readAllBytes(Path.of("mappings", family, "cases", caseName, file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String compact(String json) {
        try {
            return CanonicalJson.mapper().writeValueAsString(CanonicalJson.mapper().readTree(json));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String element(String xml, String localName) {
        Matcher matcher = Pattern.compile("<(?:\\w+:)?" + localName + ">([^<]+)</").matcher(xml);
        assertThat(matcher.find()).as("%s in %s", localName, xml).isTrue();
        return matcher.group(1);
    }
}
