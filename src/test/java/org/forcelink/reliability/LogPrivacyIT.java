package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Logs carry identifiers only (ARCHITECTURE principle 4). Records carrying a distinctive name, date of
 * birth, address, postcode and free text are sent through every channel: over HTTP accepted, accepted
 * with exceptions and refused in every way the source refuses; as dropped files (JSON Lines, a legacy
 * fixed-width export, a crime CSV) with good and broken lines; over SOAP accepted, schema-invalid and
 * malformed; over JMS accepted and unreadable. They are delivered to the sample recipients; then
 * everything the hub process logged, from start to shutdown, is searched for those values.
 */
class LogPrivacyIT extends CrashTestSupport {

    private static final String SURNAME = "Zyxwvutsrqp";
    private static final String FORENAME = "Qwertzuiopa";
    private static final String BIRTH_DATE = "1911-11-11";
    private static final String IMPOSSIBLE_BIRTH_DATE = "1911-11-31";
    private static final String POSTCODE = "ZX9 9XZ";
    private static final String STREET = "77 Quillfeather Lane";
    private static final String FREE_TEXT = "Xylophonic marmalade disclosed";
    private static final List<String> PERSONAL = List.of(SURNAME, FORENAME, BIRTH_DATE, "11/11/1911", "19111111",
            IMPOSSIBLE_BIRTH_DATE, POSTCODE, "ZX99XZ", STREET, "Quillfeather", FREE_TEXT, "Xylophonic");

    private HubProcess hub;

    @AfterEach
    void stopEverything() {
        if (hub != null) {
            hub.killHard();
        }
    }

    @Test
    void nothingTheHubLogsCarriesPersonalData() throws Exception {
        Path run = Processes.runDir("log-privacy");
        Path data = run.resolve("data");
        Path home = HubHome.copy(run);
        // The two sample recipients write the canonical records they receive to files, so the test can
        // see both accepted records delivered; the outbound routes and the delivery code still run.
        org.forcelink.tracking.TrackingHome.useCanonicalFileRecipients(home);
        hub = HubProcess.http("privacy", home, data, run.resolve("logs"));
        int brokerPort = hub.useEmbeddedBroker();
        hub.start();

        String good = new String(personalRecord(BIRTH_DATE).body(), StandardCharsets.UTF_8);
        String key = UUID.randomUUID().toString();
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("accepted", post("custody", KENT_TOKEN, "application/json", good, Map.of("Idempotency-Key", key)));
        answers.put("accepted-with-exceptions", post("custody", KENT_TOKEN, "application/json",
                new String(personalRecord(IMPOSSIBLE_BIRTH_DATE).body(), StandardCharsets.UTF_8), Map.of()));
        answers.put("replayed", post("custody", KENT_TOKEN, "application/json", good, Map.of("Idempotency-Key", key)));
        answers.put("idempotency-conflict", post("custody", KENT_TOKEN, "application/json",
                good.replace(SURNAME, SURNAME + "e"), Map.of("Idempotency-Key", key)));
        answers.put("truncated-json", post("custody", KENT_TOKEN, "application/json",
                good.substring(0, good.indexOf(POSTCODE) + 4), Map.of()));
        answers.put("bare-word", post("custody", KENT_TOKEN, "application/json",
                "{\"custody\": {\"detainee\": {\"surname\": " + SURNAME + ", \"dateOfBirth\": " + BIRTH_DATE + "}}}",
                Map.of()));
        answers.put("duplicate-keys", post("custody", KENT_TOKEN, "application/json",
                good.replaceFirst("\\{", "{\"" + SURNAME + "\": 1, \"" + SURNAME + "\": 2, "), Map.of()));
        answers.put("no-envelope", post("custody", KENT_TOKEN, "application/json",
                "{\"custody\": {\"detainee\": {\"surname\": \"" + SURNAME + "\", \"notes\": \"" + FREE_TEXT + "\"}}}",
                Map.of()));
        answers.put("wrong-content-type", post("custody", KENT_TOKEN, "text/plain", good, Map.of()));
        answers.put("other-forces-system", post("records", KENT_TOKEN, "application/json", good, Map.of()));
        answers.put("no-token", post("custody", null, "application/json", good, Map.of()));
        answers.put("unknown-token", post("custody", SURNAME, "application/json", good, Map.of()));
        answers.put("over-the-limit", post("custody", KENT_TOKEN, "application/json",
                good + " ".repeat(5 * 1024 * 1024), Map.of()));
        answers.put("bad-idempotency-key", post("custody", KENT_TOKEN, "application/json", good,
                Map.of("Idempotency-Key", SURNAME.repeat(20))));
        assertThat(answers).containsExactlyEntriesOf(expectedAnswers());

        List<String> fileAnswers = dropFiles(data);
        assertThat(fileAnswers).containsExactly("custody.jsonl PROCESSED 1 ACCEPTED 2 REJECTED",
                "legacy.txt PROCESSED 1 ACCEPTED_WITH_EXCEPTIONS 2 REJECTED",
                "crime.csv PROCESSED 2 ACCEPTED 3 REJECTED");
        assertThat(soap()).containsExactly(200, 500, 500, 200);
        assertThat(jms(brokerPort)).containsExactly("ACCEPTED", "REJECTED");

        // Every accepted custody record reaches both sample recipients and the crime record the PND, so
        // the outbound routes have run too: 7 custody records (2 over HTTP, 2 from files, 2 over SOAP, 1 over JMS)
        // to both, and the crime record.
        await("deliveries written").atMost(Duration.ofMinutes(1)).until(() -> countFiles(data.resolve("feeds")) == 15);
        hub.stop();

        List<String> leaks = new ArrayList<>();
        long lines = 0;
        for (Path log : hub.allLogs()) {
            assertThat(log).exists();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                lines++;
                String lower = line.toLowerCase(Locale.ROOT);
                PERSONAL.stream().filter(value -> lower.contains(value.toLowerCase(Locale.ROOT)))
                        .forEach(value -> leaks.add(log.getFileName() + ": [" + value + "] " + line));
            }
        }
        Processes.report("log-privacy: http=" + answers.size() + " files=3 soap=4 jms=2 logFiles=" + hub.allLogs().size()
                + " linesScanned=" + lines + " leaks=" + leaks.size());
        assertThat(lines).as("the hub logged something").isPositive();
        assertThat(leaks).as("log lines carrying personal data").isEmpty();
    }

    /** Drops three files with the personal values, each with a good and a broken record; returns their answers. */
    private static List<String> dropFiles(Path data) throws Exception {
        String custody = new String(personalRecord(BIRTH_DATE).body(), StandardCharsets.UTF_8);
        String legacy = Files.readString(Path.of("mappings/custody-fixed-width/cases/nightly-detainee-with-two-medications"
                + "/input.txt")).stripTrailing().replace("46MA/01873/26", "46PV/LOGS1/26")
                .replace("BRANNIGAN", SURNAME.toUpperCase(Locale.ROOT)).replace("19900214", "19111111");
        List<String> crime = Files.readAllLines(Path.of("mappings/crime-csv/cases/shop-theft-two-offences/input.csv"));
        String crimeRow = crime.get(1).replace("44/C/118734/26", "52/C/LOGS01/26")
                .replace("FAIRWEATHER, Dean Michael", SURNAME.toUpperCase(Locale.ROOT) + ", " + FORENAME)
                .replace("03/07/1994", "11/11/1911").replace("Co-op, 14 Bargate, Southampton", STREET);
        drop(data, "kent/custody-export", "custody.jsonl", custody.replace("\n", " ") + "\n"
                + custody.substring(0, custody.indexOf(STREET) + STREET.length()) + "\n");
        drop(data, "kent/custody-legacy", "legacy.txt", legacy + "\n" + legacy.substring(0, 120) + "\n");
        drop(data, "avon-and-somerset/crime", "crime.csv", crime.get(0) + "\r\n" + crimeRow + "\r\n"
                + crimeRow.substring(0, crimeRow.indexOf(STREET) + STREET.length()) + "\r\n");
        List<String> answers = new ArrayList<>();
        for (String[] file : new String[][] {{"kent", "custody.jsonl"}, {"kent", "legacy.txt"},
                {"avon-and-somerset", "crime.csv"}}) {
            Path acks = data.resolve("acks").resolve(file[0]);
            await("acknowledgement of " + file[1]).atMost(Duration.ofMinutes(1)).until(() -> ackOf(acks, file[1]) != null);
            JsonNode ack = CanonicalJson.mapper()
                    .readTree(Files.readString(ackOf(acks, file[1])));
            StringBuilder answer = new StringBuilder(file[1] + " " + ack.get("status").asText());
            ack.get("records").forEach(r -> answer.append(' ').append(r.get("line").asInt()).append(' ')
                    .append(r.get("status").asText()));
            answers.add(answer.toString());
        }
        return answers;
    }

    private static void drop(Path data, String folder, String name, String content) throws IOException {
        Path inbox = Files.createDirectories(data.resolve("inbox").resolve(folder));
        Path part = Files.writeString(inbox.resolve(name + ".part"), content, StandardCharsets.UTF_8);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path ackOf(Path acks, String name) throws IOException {
        if (!Files.isDirectory(acks)) {
            return null;
        }
        try (Stream<Path> files = Files.list(acks)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".")).findFirst().orElse(null);
        }
    }

    /** A record over SOAP: accepted, schema-invalid, malformed XML quoting the values, then a wrong password. */
    private List<Integer> soap() throws Exception {
        String good = new String(personalRecord(BIRTH_DATE).body(), StandardCharsets.UTF_8);
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:fl=\"urn:forcelink:records:v1\"><soapenv:Header>%s</soapenv:Header><soapenv:Body>%s"
                + "</soapenv:Body></soapenv:Envelope>";
        String record = "<fl:SubmitRecord><fl:system>custody</fl:system><fl:payload><![CDATA[" + good
                + "]]></fl:payload></fl:SubmitRecord>";
        String password = "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity"
                + "-secext-1.0.xsd\"><wsse:UsernameToken><wsse:Username>kent</wsse:Username><wsse:Password>" + SURNAME
                + "</wsse:Password></wsse:UsernameToken></wsse:Security>";
        List<Integer> answers = new ArrayList<>();
        answers.add(soapPost(KENT_TOKEN, envelope.formatted("", record)));
        answers.add(soapPost(KENT_TOKEN, envelope.formatted("", "<fl:SubmitRecord><fl:" + SURNAME + ">" + FREE_TEXT
                + "</fl:" + SURNAME + "></fl:SubmitRecord>")));
        answers.add(soapPost(KENT_TOKEN, envelope.formatted("", "<fl:SubmitRecord><fl:system>" + STREET + "<")));
        String another = new String(personalRecord(BIRTH_DATE).body(), StandardCharsets.UTF_8);
        answers.add(soapPost(null, envelope.formatted(password.replace(SURNAME, KENT_TOKEN), record.replace(good,
                another))));
        return answers;
    }

    private int soapPost(String token, String envelope) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/services/records")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A record over JMS as Kent, then an unreadable message quoting the values; returns the acknowledgements' statuses. */
    private static List<String> jms(int brokerPort) throws Exception {
        List<String> statuses = new ArrayList<>();
        ActiveMQConnectionFactory factory =
                new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (Connection connection = factory.createConnection("kent", KENT_TOKEN)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String good = new String(personalRecord(BIRTH_DATE).body(), StandardCharsets.UTF_8);
            String[] bodies = {good, good.substring(0, good.indexOf(STREET) + STREET.length())};
            for (int i = 0; i < bodies.length; i++) {
                TextMessage message = session.createTextMessage(bodies[i]);
                message.setJMSCorrelationID("privacy-" + i);
                session.createProducer(session.createQueue("inbound.kent.custody")).send(message);
                Message ack = session.createConsumer(session.createQueue("acks.kent"),
                        "JMSCorrelationID = 'privacy-" + i + "'").receive(30_000);
                statuses.add(CanonicalJson.mapper()
                        .readTree(((TextMessage) ack).getText()).get("status").asText());
            }
        }
        return statuses;
    }

    private static Map<String, Integer> expectedAnswers() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("accepted", 202);
        expected.put("accepted-with-exceptions", 202);
        expected.put("replayed", 202);
        expected.put("idempotency-conflict", 409);
        expected.put("truncated-json", 422);
        expected.put("bare-word", 422);
        expected.put("duplicate-keys", 422);
        expected.put("no-envelope", 422);
        expected.put("wrong-content-type", 415);
        expected.put("other-forces-system", 404);
        expected.put("no-token", 401);
        expected.put("unknown-token", 401);
        expected.put("over-the-limit", 413);
        expected.put("bad-idempotency-key", 400);
        return expected;
    }

    /** A custody record whose detainee, address and notes carry the distinctive values. */
    private static SampleRecord personalRecord(String dateOfBirth) {
        ObjectNode record = SampleRecord.template("custody-with-medication");
        String number = "46PV/" + UUID.randomUUID().toString().substring(0, 8);
        ((ObjectNode) record.get("envelope")).put("sourceRecordId", number);
        ObjectNode custody = (ObjectNode) record.get("custody");
        custody.put("custodyNumber", number);
        ObjectNode detainee = (ObjectNode) custody.get("detainee");
        detainee.put("surname", SURNAME);
        ((ArrayNode) detainee.get("forenames")).removeAll().add(FORENAME);
        detainee.put("dateOfBirth", dateOfBirth);
        ObjectNode address = (ObjectNode) detainee.get("addresses").get(0);
        address.put("line1", STREET);
        address.put("postcode", POSTCODE);
        ((ObjectNode) custody.get("riskAssessment")).put("notes", FREE_TEXT);
        return new SampleRecord("custody", "kent:custody:" + number, 1, List.of(), SampleRecord.bytes(record), null);
    }

    private int post(String system, String token, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                hub.uri("/api/v1/records/" + system)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }
}
