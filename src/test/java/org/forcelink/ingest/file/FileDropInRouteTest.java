package org.forcelink.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.ingest.IngestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routes/file-drop-in.camel.yaml with its error configuration, run for real against a temporary data dir:
 * the real inbox, file answerer and ingest gate (canonical-json mapping, config/forces); only the timer is
 * replaced (each test looks at the inbox when it chooses) and the broker and database are in memory.
 */
class FileDropInRouteTest extends CamelTestSupport {

    private static final String LOOK = "direct:look-at-inbox";
    /** The fixed clock's time as the timestamp of moved files and acknowledgements. */
    private static final String STAMP = "20261128T220000.000Z";

    @TempDir
    Path dataDir;
    @TempDir
    Path outside;

    private final IngestFixture fixture = new IngestFixture();
    private Path folder;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @BeforeEach
    void loadRoute() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("forcelink.data-dir", dataDir.toString());
        properties.setProperty("forcelink.file-drop.poll-millis", "60000");
        context.getPropertiesComponent().setOverrideProperties(properties);
        Clock clock = Clock.fixed(IngestFixture.RECEIVED_AT, ZoneOffset.UTC);
        context.getRegistry().bind("inbox", new Inbox(dataDir, fixture.registry, new InboxAlerts(clock), 0,
                System::nanoTime));
        context.getRegistry().bind("fileDrop", new FileDrop(fixture.ingest, fixture.registry, 1024 * 1024, clock));
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveResource(context, "file:routes/_config/file-drop-errors.camel.yaml"),
                ResourceHelper.resolveResource(context, "file:routes/file-drop-in.camel.yaml"));
        AdviceWith.adviceWith(context, "file-drop-in", route -> route.replaceFromWith(LOOK));
        context.start();
        folder = dataDir.resolve("inbox/kent/custody-export");
        lookAtInbox();
    }

    private void lookAtInbox() {
        template.sendBody(LOOK, null);
    }

    private Path drop(String name, byte[] content) throws IOException {
        return Files.write(folder.resolve(name), content);
    }

    private JsonNode ack(String name) throws IOException {
        Path ack = dataDir.resolve("acks/kent/" + name + "." + STAMP + ".ack.json");
        assertThat(ack).as("acknowledgement of %s", name).exists();
        return CanonicalJson.mapper().readTree(ack.toFile());
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachRecordIsSubmittedOnItsOwnAndABadLineIsReportedWithItsNumber() throws IOException {
        drop("custody-20261128.jsonl", IngestFixture.jsonLines(List.of(
                IngestFixture.caseLine("custody-with-medication"),
                IngestFixture.caseLine("custody-unknown-ethnicity-no-solicitor"),
                "{\"envelope\": {\"recordType\": \"custody\"",
                "",
                IngestFixture.caseLine("nominal"))));

        lookAtInbox();

        JsonNode ack = ack("custody-20261128.jsonl");
        JsonNode records = ack.get("records");
        String first = records.get(0).get("messageId").asText();
        String second = records.get(1).get("messageId").asText();
        String bad = records.get(2).get("messageId").asText();
        String fifth = records.get(3).get("messageId").asText();
        assertThat(ack).isEqualTo(CanonicalJson.mapper().readTree("""
                {"force": "kent", "system": "custody-export", "file": "custody-20261128.jsonl",
                 "storedAs": "processed/custody-20261128.jsonl.%s", "receivedAt": "2026-11-28T22:00:00Z",
                 "status": "PROCESSED", "sha256": "%s",
                 "counts": {"records": 4, "accepted": 2, "acceptedWithExceptions": 1, "rejected": 1},
                 "records": [
                   {"line": 1, "messageId": "%s", "status": "ACCEPTED", "receivedAt": "2026-11-28T22:00:00Z",
                    "exceptions": []},
                   {"line": 2, "messageId": "%s", "status": "ACCEPTED_WITH_EXCEPTIONS",
                    "receivedAt": "2026-11-28T22:00:00Z",
                    "exceptions": %s},
                   {"line": 3, "messageId": "%s", "status": "REJECTED", "receivedAt": "2026-11-28T22:00:00Z",
                    "exceptions": [{"code": "FL-UNPARSEABLE", "path": "", "severity": "ERROR",
                                    "message": "%s"}]},
                   {"line": 5, "messageId": "%s", "status": "ACCEPTED", "receivedAt": "2026-11-28T22:00:00Z",
                    "exceptions": []}
                 ]}
                """.formatted(STAMP, ack.get("sha256").asText(), first, second,
                new String(IngestFixture.caseFile("custody-unknown-ethnicity-no-solicitor", "exceptions.json"),
                        StandardCharsets.UTF_8), bad, records.get(2).get("exceptions").get(0).get("message").asText(),
                fifth)));
        assertThat(records.get(2).get("exceptions").get(0).get("message").asText())
                .startsWith("the body is not valid JSON: ");
        assertThat(fixture.queue.sent).extracting(o -> o.body()).containsExactly(
                IngestFixture.expectedCanonical("custody-with-medication", "custody-export", first),
                IngestFixture.expectedCanonical("custody-unknown-ethnicity-no-solicitor", "custody-export", second),
                IngestFixture.expectedCanonical("nominal", "custody-export", fifth));
        assertThat(fixture.quarantine.kept).singleElement().satisfies(kept -> {
            assertThat(kept.messageId()).isEqualTo(bad);
            assertThat(kept.payload()).isEqualTo("{\"envelope\": {\"recordType\": \"custody\"");
        });
        assertThat(filesIn(folder)).containsExactly("processed");
        assertThat(filesIn(folder.resolve("processed"))).containsExactly("custody-20261128.jsonl." + STAMP);
    }

    @Test
    void emptyFileIsRejectedAsAWholeWithItsReason() throws IOException {
        drop("empty.jsonl", new byte[0]);

        lookAtInbox();

        JsonNode ack = ack("empty.jsonl");
        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(ack.get("reason").asText()).isEqualTo("the file is empty");
        assertThat(ack.get("storedAs").asText()).isEqualTo("rejected/empty.jsonl." + STAMP);
        assertThat(ack.get("records")).isEmpty();
        assertThat(filesIn(folder.resolve("rejected"))).containsExactly("empty.jsonl." + STAMP);
        assertThat(fixture.queue.sent).isEmpty();
    }

    @Test
    void fileWithOnlyBlankLinesIsRejectedAsHoldingNoRecord() throws IOException {
        drop("blank.jsonl", "\n  \r\n".getBytes(StandardCharsets.UTF_8));

        lookAtInbox();

        assertThat(ack("blank.jsonl").get("reason").asText()).isEqualTo("the file holds no record");
        assertThat(filesIn(folder.resolve("rejected"))).containsExactly("blank.jsonl." + STAMP);
    }

    @Test
    void fileInWhichNoRecordCouldBeReadIsRejectedWithEachLinesReason() throws IOException {
        drop("garbage.jsonl", IngestFixture.jsonLines(List.of("not json", "[1, 2]")));

        lookAtInbox();

        JsonNode ack = ack("garbage.jsonl");
        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(ack.get("reason").asText())
                .isEqualTo("no record in the file could be read; each line's reason is listed");
        assertThat(ack.get("records")).extracting(r -> r.get("line").asInt() + " " + r.get("status").asText() + " "
                + r.get("exceptions").get(0).get("code").asText())
                .containsExactly("1 REJECTED FL-UNPARSEABLE", "2 REJECTED FL-NOT-A-RECORD");
        assertThat(filesIn(folder.resolve("rejected"))).containsExactly("garbage.jsonl." + STAMP);
        assertThat(fixture.quarantine.kept).hasSize(2);
    }

    @Test
    void symbolicLinkIsMovedToRejectedWithoutFollowingIt() throws IOException {
        Path secret = Files.writeString(outside.resolve("secret.jsonl"), IngestFixture.caseLine("nominal"));
        Files.createSymbolicLink(folder.resolve("escape.jsonl"), secret);

        lookAtInbox();

        JsonNode ack = ack("escape.jsonl");
        assertThat(ack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(ack.get("reason").asText()).isEqualTo("the file is a symbolic link; links are never followed");
        assertThat(ack.has("sha256")).isFalse();
        Path moved = folder.resolve("rejected/escape.jsonl." + STAMP);
        assertThat(Files.isSymbolicLink(moved)).isTrue();
        assertThat(Files.readSymbolicLink(moved)).isEqualTo(secret);
        assertThat(secret).hasContent(IngestFixture.caseLine("nominal"));
        assertThat(fixture.queue.sent).isEmpty();
        assertThat(fixture.quarantine.kept).isEmpty();
    }

    @Test
    void halfWrittenPartFileIsNotRead() throws IOException {
        drop("custody.jsonl.part", IngestFixture.jsonLines(List.of(IngestFixture.caseLine("nominal"))));

        lookAtInbox();
        lookAtInbox();

        assertThat(filesIn(folder)).containsExactly("custody.jsonl.part");
        assertThat(filesIn(dataDir.resolve("acks/kent"))).isEmpty();
        assertThat(fixture.queue.sent).isEmpty();
    }

    @Test
    void fileTheBrokerCouldNotTakeStaysInTheInboxAndIsReadAgainWithoutDuplicates() throws IOException {
        drop("custody.jsonl", IngestFixture.jsonLines(List.of(IngestFixture.caseLine("nominal"))));
        fixture.queue.refuse = true;

        lookAtInbox();

        assertThat(filesIn(folder)).containsExactly("custody.jsonl");
        assertThat(filesIn(dataDir.resolve("acks/kent"))).isEmpty();

        fixture.queue.refuse = false;
        lookAtInbox();

        assertThat(ack("custody.jsonl").get("counts").get("accepted").asInt()).isEqualTo(1);
        assertThat(filesIn(folder.resolve("processed"))).containsExactly("custody.jsonl." + STAMP);
        assertThat(fixture.queue.sent).hasSize(1);
    }

    @Test
    void sameFileReadAgainGetsItsFirstAnswersAndNoRecordIsForwardedTwice() throws IOException {
        byte[] content = IngestFixture.jsonLines(List.of(IngestFixture.caseLine("nominal"), "oops"));
        drop("custody.jsonl", content);
        lookAtInbox();
        JsonNode first = ack("custody.jsonl");
        // As after a crash between writing the acknowledgement and moving the file.
        Files.delete(folder.resolve("processed/custody.jsonl." + STAMP));
        drop("custody.jsonl", content);

        lookAtInbox();

        JsonNode again = ack("custody.jsonl");
        assertThat(again.get("records")).extracting(r -> r.get("line").asInt() + " " + r.get("messageId").asText()
                + " " + r.get("status").asText() + " " + r.get("replayed").asBoolean())
                .containsExactly(
                        "1 " + first.get("records").get(0).get("messageId").asText() + " ACCEPTED true",
                        "2 " + first.get("records").get(1).get("messageId").asText() + " REJECTED true");
        assertThat(fixture.queue.sent).hasSize(1);
        assertThat(fixture.quarantine.kept).hasSize(1);
    }
}
