package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Logs carry identifiers only (ARCHITECTURE principle 4). Records carrying a distinctive name, date of
 * birth, address, postcode and free text are sent through the HTTP source, accepted, accepted with
 * exceptions and refused in every way the source refuses, and delivered to the sample recipients; then
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
        hub.useEmbeddedBroker();
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

        // Both accepted records reach the sample recipients, so the outbound routes have run too.
        await("deliveries written").atMost(Duration.ofMinutes(1)).until(() -> countFiles(data.resolve("feeds")) == 4);
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
        Processes.report("log-privacy: requests=" + answers.size() + " logFiles=" + hub.allLogs().size()
                + " linesScanned=" + lines + " leaks=" + leaks.size());
        assertThat(lines).as("the hub logged something").isPositive();
        assertThat(leaks).as("log lines carrying personal data").isEmpty();
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
