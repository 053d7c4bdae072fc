package org.forcelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.forcelink.ingest.file.InboxAlerts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The file drop through the whole hub: files placed in inbox/kent/custody-export/ are read, their records
 * delivered to the recipients' feeds through the real broker, each file answered with an acknowledgement
 * file, moved to processed/ or rejected/, and bad input answered without costing its neighbours.
 */
class FileDropIT extends HubTestSupport {

    private static final Duration ANSWERED = Duration.ofSeconds(30);
    private static final Path INBOX = DATA_DIR.resolve("inbox/kent/custody-export");
    private static final Path ACKS = DATA_DIR.resolve("acks/kent");

    @Autowired
    InboxAlerts alerts;

    /** Writes the file under a .part name, then renames it into place, as senders are told to. */
    private static void drop(String name, byte[] content) throws IOException {
        Files.createDirectories(INBOX);
        Path part = Files.write(INBOX.resolve(name + ".part"), content);
        Files.move(part, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<Path> ackOf(String name) {
        if (!Files.isDirectory(ACKS)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(ACKS)) {
            String pattern = "\\Q" + name + "\\E\\.\\d{8}T\\d{6}\\.\\d{3}Z\\.ack\\.json";
            return files.filter(f -> f.getFileName().toString().matches(pattern)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file's acknowledgement, once the file has also been moved where it says: the hub writes the
     * acknowledgement first, so that an acknowledged file is never lost, and moves the file a moment later.
     */
    private static JsonNode awaitAck(String name, Duration within) throws IOException {
        await().atMost(within).until(() -> ackOf(name).isPresent());
        JsonNode ack = json(Files.readString(ackOf(name).orElseThrow()));
        if (ack.hasNonNull("storedAs")) {
            Path stored = INBOX.resolve(ack.get("storedAs").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(stored, LinkOption.NOFOLLOW_LINKS));
        }
        return ack;
    }

    private static String line(String caseName) {
        return json(new String(caseFile(caseName, "input.json"), StandardCharsets.UTF_8)).toString();
    }

    private static byte[] lines(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsOfADroppedFileReachTheFeedsWithExactCanonicalContentAndABadLineIsReported() throws IOException {
        drop("custody-export-1.jsonl", lines(List.of(line("custody-with-medication"), line("crime-two-offences"),
                "{\"envelope\": {\"recordType\": \"custody\", \"sourceRecordId\": ", line("nominal"))));

        JsonNode ack = awaitAck("custody-export-1.jsonl", ANSWERED);

        String stamp = ackOf("custody-export-1.jsonl").orElseThrow().getFileName().toString()
                .replace("custody-export-1.jsonl.", "").replace(".ack.json", "");
        assertThat(ack.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(ack.get("storedAs").asText()).isEqualTo("processed/custody-export-1.jsonl." + stamp);
        assertThat(INBOX.resolve("processed/custody-export-1.jsonl." + stamp)).exists();
        assertThat(INBOX.resolve("custody-export-1.jsonl")).doesNotExist();
        assertThat(ack.get("counts").toString())
                .isEqualTo("{\"records\":4,\"accepted\":3,\"acceptedWithExceptions\":0,\"rejected\":1}");
        JsonNode records = ack.get("records");
        assertThat(records).extracting(r -> r.get("line").asInt() + " " + r.get("status").asText())
                .containsExactly("1 ACCEPTED", "2 ACCEPTED", "3 REJECTED", "4 ACCEPTED");
        assertThat(records.get(2).get("exceptions").get(0).get("code").asText()).isEqualTo("FL-UNPARSEABLE");

        JsonNode custody = records.get(0);
        JsonNode crime = records.get(1);
        JsonNode nominal = records.get(3);
        await().atMost(ANSWERED).until(() -> HubApi.deliveredTo(port, KENT, "pnd", id(custody))
                && HubApi.deliveredTo(port, KENT, "custody-health", id(custody)) && HubApi.deliveredTo(port, KENT, "pnd", id(crime))
                && HubApi.deliveredTo(port, KENT, "pnd", id(nominal)));
        assertThat(HubApi.canonicalOf(port, id(custody)))
                .isEqualTo(expectedCanonical("custody-with-medication", "custody-export", custody));
        assertThat(HubApi.canonicalOf(port, id(custody)))
                .isEqualTo(expectedCanonical("custody-with-medication", "custody-export", custody));
        assertThat(HubApi.canonicalOf(port, id(crime)))
                .isEqualTo(expectedCanonical("crime-two-offences", "custody-export", crime));
        assertThat(HubApi.canonicalOf(port, id(nominal)))
                .isEqualTo(expectedCanonical("nominal", "custody-export", nominal));

        JsonNode rejected = json(get("/api/v1/messages/" + id(records.get(2)), KENT).body());
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        JsonNode received = json(get("/api/v1/messages/" + id(custody), KENT).body()).get("events").get(0);
        assertThat(received.get("type").asText()).isEqualTo("received");
        assertThat(received.get("actor").asText()).isEqualTo("inbox/kent/custody-export");
    }

    @Test
    void emptyFileIsRejectedAsAWholeAndKeptInRejected() throws IOException {
        drop("empty.jsonl", new byte[0]);

        JsonNode ack = awaitAck("empty.jsonl", ANSWERED);

        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(ack.get("reason").asText()).isEqualTo("the file is empty");
        assertThat(INBOX.resolve(ack.get("storedAs").asText())).exists().isEmptyFile();
        assertThat(ack.get("storedAs").asText()).startsWith("rejected/empty.jsonl.");
    }

    @Test
    void symbolicLinkOutOfTheFolderIsMovedToRejectedAndNeverRead() throws IOException {
        Path secret = Files.writeString(DATA_DIR.resolve("secret.jsonl"), line("nominal"));
        Files.createDirectories(INBOX);
        Files.createSymbolicLink(INBOX.resolve("escape.jsonl"), Path.of("../../../secret.jsonl"));

        JsonNode ack = awaitAck("escape.jsonl", ANSWERED);

        assertThat(ack.get("reason").asText()).isEqualTo("the file is a symbolic link; links are never followed");
        assertThat(ack.get("records")).isEmpty();
        assertThat(Files.isSymbolicLink(INBOX.resolve(ack.get("storedAs").asText()))).isTrue();
        assertThat(secret).hasContent(line("nominal"));
    }

    @Test
    void halfWrittenFileIsNotReadWhileTheFilesAroundItAre() throws IOException {
        Files.createDirectories(INBOX);
        Files.write(INBOX.resolve("being-written.jsonl.part"), line("nominal").getBytes(StandardCharsets.UTF_8));
        drop("after.jsonl", lines(List.of(line("nominal"))));

        awaitAck("after.jsonl", ANSWERED);

        assertThat(INBOX.resolve("being-written.jsonl.part")).exists();
        assertThat(ackOf("being-written.jsonl.part")).isEmpty();
        assertThat(ackOf("being-written.jsonl")).isEmpty();
    }

    @Test
    void folderOfASystemThatIsNotRegisteredIsNotReadAndRaisesAnAlert() throws IOException {
        Path unknown = Files.createDirectories(DATA_DIR.resolve("inbox/kent/nightly-crime"));
        Files.writeString(unknown.resolve("crime.jsonl"), line("crime-two-offences"));

        await().atMost(ANSWERED).until(() -> alerts.current().stream()
                .anyMatch(alert -> "nightly-crime".equals(alert.system())));

        assertThat(alerts.current()).filteredOn(alert -> "nightly-crime".equals(alert.system())).singleElement()
                .satisfies(alert -> assertThat(alert.reason())
                        .isEqualTo("force 'kent' has no registered system 'nightly-crime' that declares the file"
                                + " channel"));
        assertThat(unknown.resolve("crime.jsonl")).exists();
        assertThat(ackOf("crime.jsonl")).isEmpty();
    }

    /**
     * The acceptance case of the file drop: 10,000 case files (no recipient takes them, so only the ingest
     * path is timed) with 3 bad lines give 9,997 accepted records and 3 reported by line number.
     */
    @Test
    void tenThousandRecordsOfWhichThreeAreBadGive9997AcceptedAndThreeReportedByLine() throws IOException {
        ObjectNode template = (ObjectNode) json(line("case-file"));
        List<String> lines = new ArrayList<>(10_000);
        for (int i = 1; i <= 10_000; i++) {
            ((ObjectNode) template.get("envelope")).put("sourceRecordId", "46KA" + (1_000_000 + i));
            lines.add(template.toString());
        }
        lines.set(17 - 1, "{\"envelope\": {\"recordType\": \"caseFile\"");
        lines.set(5_000 - 1, "[\"not\", \"a\", \"record\"]");
        lines.set(9_999 - 1, "{\"envelope\": {\"recordType\": \"caseFile\"}, \"caseFile\": {}}");
        long started = System.nanoTime();

        drop("case-files-10000.jsonl", lines(lines));
        JsonNode ack = awaitAck("case-files-10000.jsonl", Duration.ofMinutes(4));

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(ack.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(ack.get("counts").toString())
                .isEqualTo("{\"records\":10000,\"accepted\":9997,\"acceptedWithExceptions\":0,\"rejected\":3}");
        List<String> rejected = new ArrayList<>();
        ack.get("records").forEach(r -> {
            if ("REJECTED".equals(r.get("status").asText())) {
                rejected.add(r.get("line").asInt() + " " + r.get("exceptions").get(0).get("code").asText() + " "
                        + r.get("exceptions").get(0).get("path").asText());
            }
        });
        assertThat(rejected).containsExactly("17 FL-UNPARSEABLE ", "5000 FL-NOT-A-RECORD ",
                "9999 FL-NO-IDENTITY /envelope/sourceRecordId");
        assertThat(ack.get("records")).hasSize(10_000);
        assertThat(ack.get("records").get(9_999).get("line").asInt()).isEqualTo(10_000);
        // Let the dispatcher drain what was accepted, so later tests do not queue behind it. The journey is
        // written after the acknowledgement, so the message may not be found at the first looks.
        String last = id(ack.get("records").get(9_999));
        await().atMost(Duration.ofMinutes(3)).until(() -> json(get("/api/v1/messages/" + last, KENT).body())
                .path("events").findValuesAsText("type").contains("routed"));
        System.out.printf("10,000-record file answered in %d s%n", seconds);
    }

    private static String id(JsonNode record) {
        return record.get("messageId").asText();
    }
}
