package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.delivery.DailyFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;

/**
 * Sends every case of the bad-input corpus (src/test/resources/bad-input) through its channel (HTTP,
 * file drop, SOAP, JMS), asserts the documented answer, and checks that a good record sent right after it
 * is still accepted and delivered to every entitled recipient.
 */
class BadInputIT extends HubTestSupport {

    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger GOOD = new AtomicInteger();
    private static final String RECORDS_NS = "urn:forcelink:records:v1";

    @Autowired
    DailyFiles dailyFiles;
    @Autowired
    ProducerTemplate producer;

    static Stream<Path> httpCases() throws IOException {
        return cases("http");
    }

    static Stream<Path> fileCases() throws IOException {
        return cases("file");
    }

    static Stream<Path> soapCases() throws IOException {
        return cases("soap");
    }

    static Stream<Path> jmsCases() throws IOException {
        return cases("jms");
    }

    private static Stream<Path> cases(String channel) throws IOException {
        try (Stream<Path> cases = Files.list(CORPUS.resolve(channel))) {
            return cases.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpCases")
    void httpCaseGetsItsDocumentedAnswerAndCostsNoOtherRecord(Path caseDir) throws IOException {
        JsonNode spec = json(Files.readString(caseDir.resolve("case.json")));
        JsonNode before = spec.path("before");
        if (!before.isMissingNode()) {
            HttpResponse<String> first = send(spec, before.path("headers"), before.get("body").asText()
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(first.statusCode()).as("the request sent before").isEqualTo(before.get("status").asInt());
        }

        HttpResponse<String> response = send(spec, spec.path("headers"), body(caseDir, spec));

        JsonNode expect = spec.get("expect");
        assertThat(response.statusCode()).as(spec.get("description").asText()).isEqualTo(expect.get("status").asInt());
        JsonNode answer = response.body().isEmpty() ? null : json(response.body());
        if (expect.get("status").asInt() == 202) {
            assertThat(answer.get("status").asText()).isEqualTo(expect.get("ackStatus").asText());
        } else {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.get("status").asInt()).isEqualTo(expect.get("status").asInt());
            assertThat(answer.get("title").asText()).isNotBlank();
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
        }
        if (expect.has("type")) {
            assertThat(answer.get("type").asText()).isEqualTo(expect.get("type").asText());
        }
        if (expect.has("detail")) {
            assertThat(answer.get("detail").asText()).isEqualTo(expect.get("detail").asText());
        }
        if (expect.has("exceptionCode")) {
            assertThat(answer.get("exceptions").get(0).get("code").asText()).isEqualTo(expect.get("exceptionCode").asText());
        }
        if (expect.get("status").asInt() == 422) {
            assertThat(answer.get("messageId").asText()).matches("[0-9a-f-]{36}");
        }

        goodRecordIsStillDelivered();
    }


    /**
     * A file dropped into a force system's inbox: its acknowledgement file says what the case expects (the
     * file's status and reason, each line's status and first exception code), the acknowledgement and the
     * archived file stay inside the data dir whatever the file is called, and nothing of the file is written
     * anywhere else.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCases")
    void fileCaseGetsItsDocumentedAnswerAndCostsNoOtherRecord(Path caseDir) throws IOException {
        JsonNode spec = json(Files.readString(caseDir.resolve("case.json")));
        String force = spec.get("force").asText();
        Path inbox = DATA_DIR.resolve("inbox").resolve(force).resolve(spec.get("system").asText());
        Path acks = DATA_DIR.resolve("acks").resolve(force);
        String name = spec.get("name").asText();
        Files.createDirectories(inbox);
        Path part = Files.write(inbox.resolve(".incoming-" + GOOD.incrementAndGet()), body(caseDir, spec));
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        String answeredAs = spec.path("answeredAs").asText(name);
        await().atMost(Duration.ofSeconds(60)).until(() -> ackOf(acks, answeredAs).isPresent());
        Path ackFile = ackOf(acks, answeredAs).orElseThrow();
        JsonNode ack = json(Files.readString(ackFile));

        JsonNode expect = spec.get("expect");
        assertThat(ack.get("status").asText()).as(spec.get("description").asText())
                .isEqualTo(expect.get("status").asText());
        assertThat(ack.get("file").asText()).isEqualTo(name);
        if (expect.has("reason")) {
            assertThat(ack.get("reason").asText()).isEqualTo(expect.get("reason").asText());
        }
        List<String> lines = new ArrayList<>();
        ack.get("records").forEach(r -> lines.add(r.get("line").asInt() + " " + r.get("status").asText()
                + (r.path("exceptions").isEmpty() ? "" : " " + r.get("exceptions").get(0).get("code").asText())));
        List<String> expectedLines = new ArrayList<>();
        expect.path("lines").forEach(l -> expectedLines.add(l.asText()));
        assertThat(lines).isEqualTo(expectedLines);
        assertThat(ackFile.getParent()).isEqualTo(acks);
        Path archived = inbox.resolve(ack.get("storedAs").asText());
        // The hub writes the acknowledgement first and then moves the file, so that an acknowledged file is
        // never lost: the move may come a moment after the acknowledgement appears.
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(archived));
        assertThat(archived.getParent().getParent()).isEqualTo(inbox);
        assertThat(inbox.resolve(name)).doesNotExist();
        if (expect.path("statisticsCsvIsPlain").asBoolean()) {
            statisticsCsvHasNoFormulaCell(ack);
        }

        goodRecordIsStillDelivered();
    }

    /**
     * A SOAP request to /services/records: a Fault with the expected code and text, an HTTP problem, or an
     * acknowledgement with the expected status and first exception code.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("soapCases")
    void soapCaseGetsItsDocumentedAnswerAndCostsNoOtherRecord(Path caseDir) throws IOException {
        JsonNode spec = json(Files.readString(caseDir.resolve("case.json")));
        ObjectNode request = (ObjectNode) spec.deepCopy();
        request.put("path", "/services/records");
        request.put("contentType", spec.path("contentType").asText("text/xml; charset=UTF-8"));
        ObjectNode headers = CanonicalJson.mapper().createObjectNode()
                .put("SOAPAction", "\"urn:forcelink:records:v1:SubmitRecord\"");

        HttpResponse<String> response = send(request, headers, body(caseDir, spec));

        JsonNode expect = spec.get("expect");
        assertThat(response.statusCode()).as(spec.get("description").asText() + ": " + response.body())
                .isEqualTo(expect.get("status").asInt());
        assertThat(response.body()).doesNotContain("\tat ", "root:x:0:0");
        if (expect.has("faultCode")) {
            Document fault = xml(response.body());
            assertThat(fault.getElementsByTagName("faultcode").item(0).getTextContent())
                    .endsWith(":" + expect.get("faultCode").asText());
            assertThat(fault.getElementsByTagName("faultstring").item(0).getTextContent())
                    .startsWith(expect.get("faultString").asText());
        } else if (expect.has("ackStatus")) {
            Document ack = xml(response.body());
            assertThat(ack.getElementsByTagNameNS(RECORDS_NS, "status").item(0).getTextContent())
                    .isEqualTo(expect.get("ackStatus").asText());
            assertThat(ack.getElementsByTagNameNS(RECORDS_NS, "code").item(0).getTextContent())
                    .isEqualTo(expect.get("exceptionCode").asText());
        } else {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response.body()).get("detail").asText()).isEqualTo(expect.get("detail").asText());
        }

        goodRecordIsStillDelivered();
    }

    /**
     * A message put on the broker as a force system would: an acknowledgement on acks.&lt;force&gt; with the
     * expected status and first exception code, or, for what the force may not do, the broker's refusal.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jmsCases")
    void jmsCaseGetsItsDocumentedAnswerAndCostsNoOtherRecord(Path caseDir) throws Exception {
        JsonNode spec = json(Files.readString(caseDir.resolve("case.json")));
        JsonNode expect = spec.get("expect");
        String user = spec.get("user").asText();
        String password = spec.get("password").asText();
        String queue = spec.path("queue").asText(null);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
        factory.setCallTimeout(10_000);
        if ("connect".equals(expect.path("refused").asText())) {
            assertThatThrownBy(() -> factory.createConnection(user, password).close())
                    .as(spec.get("description").asText()).isInstanceOf(JMSSecurityException.class);
            goodRecordIsStillDelivered();
            return;
        }
        try (Connection connection = factory.createConnection(user, password)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            if ("consume".equals(expect.path("refused").asText())) {
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).receive(1_000))
                        .as(spec.get("description").asText()).isInstanceOf(JMSSecurityException.class);
                goodRecordIsStillDelivered();
                return;
            }
            String correlationId = "bad-input-" + caseDir.getFileName() + "-" + GOOD.incrementAndGet();
            Message message = message(session, spec.path("messageType").asText("text"), body(caseDir, spec));
            message.setJMSCorrelationID(correlationId);
            if ("send".equals(expect.path("refused").asText())) {
                assertThatThrownBy(() -> {
                    try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                        producer.send(message);
                    }
                }).as(spec.get("description").asText()).isInstanceOf(JMSSecurityException.class);
                goodRecordIsStillDelivered();
                return;
            }
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.send(message);
            }
            String acks = "acks." + user;
            Message answer;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(acks),
                    "JMSCorrelationID = '" + correlationId + "'")) {
                answer = consumer.receive(30_000);
            }
            assertThat(answer).as("acknowledgement of " + correlationId).isInstanceOf(TextMessage.class);
            JsonNode ack = json(((TextMessage) answer).getText());
            assertThat(ack.get("status").asText()).as(spec.get("description").asText())
                    .isEqualTo(expect.get("ackStatus").asText());
            assertThat(ack.get("exceptions").get(0).get("code").asText()).isEqualTo(expect.get("exceptionCode").asText());
            if (expect.has("detail")) {
                assertThat(ack.get("exceptions").get(0).get("message").asText()).isEqualTo(expect.get("detail").asText());
            }
        }
        goodRecordIsStillDelivered();
    }

    private static Message message(Session session, String type, byte[] body) throws JMSException {
        return switch (type) {
            case "text" -> session.createTextMessage(new String(body, StandardCharsets.UTF_8));
            case "bytes" -> {
                BytesMessage bytes = session.createBytesMessage();
                bytes.writeBytes(body);
                yield bytes;
            }
            case "map" -> {
                MapMessage map = session.createMapMessage();
                map.setString("record", new String(body, StandardCharsets.UTF_8));
                yield map;
            }
            default -> throw new IllegalArgumentException("unknown message type " + type);
        };
    }

    private static Optional<Path> ackOf(Path acks, String name) {
        if (!Files.isDirectory(acks)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(acks)) {
            String pattern = Pattern.quote(name) + "\\.\\d{8}T\\d{6}\\.\\d{3}Z\\.ack\\.json";
            return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the statistics file now and checks that no cell of it could be taken by a spreadsheet for a
     * formula: the crime records of the acknowledgement are counted in it, and no cell starts with =, +, -, @.
     */
    private void statisticsCsvHasNoFormulaCell(JsonNode ack) throws IOException {
        List<String> ids = new ArrayList<>();
        ack.get("records").forEach(r -> ids.add(r.get("messageId").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                .allMatch(id -> dailyFiles.isPending("home-office-stats", id)));
        Path file = Path.of(producer.requestBody("direct:home-office-stats-file", null, String.class));
        List<String> cells = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            cells.addAll(Arrays.asList(line.split(",", -1)));
        }
        assertThat(cells).isNotEmpty().noneMatch(cell -> cell.matches("^\"?[=+\\-@\t\r].*"));
    }

    private void goodRecordIsStillDelivered() {
        JsonNode record = json(new String(caseFile("custody-with-medication", "input.json"), StandardCharsets.UTF_8));
        String id = "01MP/GOOD" + GOOD.incrementAndGet() + "/26";
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("envelope")).put("sourceRecordId", id);
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("custody")).put("custodyNumber", id);
        HttpResponse<String> good = submit("records", "dev-token-metropolitan",
                record.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(good.statusCode()).isEqualTo(202);
        String messageId = json(good.body()).get("messageId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> journey = get("/api/v1/messages/" + messageId, "dev-token-metropolitan");
            if (journey.statusCode() != 200) {
                return false;
            }
            List<String> statuses = new ArrayList<>();
            json(journey.body()).get("deliveries").forEach(d -> statuses.add(d.get("status").asText()));
            return !statuses.isEmpty() && statuses.stream().allMatch("DELIVERED"::equals);
        });
    }

    private HttpResponse<String> send(JsonNode spec, JsonNode headers, byte[] body) {
        String method = spec.path("method").asText("POST");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + spec.get("path").asText()))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (spec.hasNonNull("token")) {
            request.header("Authorization", "Bearer " + spec.get("token").asText());
        }
        if (spec.hasNonNull("contentType")) {
            request.header("Content-Type", spec.get("contentType").asText());
        }
        headers.fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The case's body: its body file, or one generated as its spec says. */
    private static Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + text, e);
        }
    }

    private static byte[] body(Path caseDir, JsonNode spec) throws IOException {
        JsonNode generate = spec.path("generate");
        if (generate.isMissingNode()) {
            Path file = caseDir.resolve("body");
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        }
        return switch (generate.get("kind").asText()) {
            case "nested-json" -> {
                int depth = generate.get("depth").asInt();
                yield ("{\"envelope\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case "long-string" -> ("{\"envelope\":{\"recordType\":\"custody\",\"sourceRecordId\":\""
                    + "x".repeat(generate.get("length").asInt()) + "\"}}").getBytes(StandardCharsets.UTF_8);
            case "spaces" -> {
                byte[] spaces = new byte[generate.get("length").asInt()];
                Arrays.fill(spaces, (byte) ' ');
                yield spaces;
            }
            case "hex" -> HexFormat.of().parseHex(generate.get("hex").asText());
            case "utf16" -> generate.get("text").asText().getBytes(StandardCharsets.UTF_16);
            case "cp1252" -> generate.get("text").asText().getBytes(Charset.forName("windows-1252"));
            case "long-line" -> (generate.path("before").asText("") + generate.get("fill").asText()
                    .repeat(generate.get("length").asInt()) + generate.path("close").asText("")
                    .repeat(generate.get("length").asInt()) + generate.path("after").asText(""))
                    .getBytes(StandardCharsets.UTF_8);
            case "nested-xml" -> {
                int depth = generate.get("depth").asInt();
                String nested = "<a>".repeat(depth) + "</a>".repeat(depth);
                yield generate.get("template").asText().replace("{nested}", nested).getBytes(StandardCharsets.UTF_8);
            }
            default -> throw new IllegalArgumentException("unknown generator in " + caseDir);
        };
    }

}
