package org.forcelink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mapping test} prints exactly what the golden case says: canonical output, exceptions, lineage. */
class MappingTestCommandTest {

    private static final Path CASE = Path.of("mappings/crime-csv/cases/shop-theft-two-offences");
    private static final ObjectMapper PRETTY = CanonicalJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void printsCanonicalOutputExceptionsAndLineageOfEachRecord() throws IOException {
        StringWriter out = new StringWriter();
        int exit = run(out, new StringWriter(), "mapping", "test", "mappings/crime-csv", CASE.resolve("input.csv").toString(),
                "--force", "hampshire", "--system", "crime", "--message-id", "11111111-1111-4111-8111-111111111111",
                "--received-at", "2026-11-28T22:00:00Z");

        StringBuilder lineage = new StringBuilder();
        for (JsonNode entry : CanonicalJson.mapper().readTree(CASE.resolve("lineage.json").toFile())) {
            lineage.append("  ").append(entry.get("field").asText()).append(" <- ").append(entry.get("source").asText())
                    .append(" | ").append(entry.get("rule").asText()).append(" | ").append(entry.get("mapping").asText())
                    .append(System.lineSeparator());
        }
        String expected = String.join(System.lineSeparator(),
                "record 1 (line 2): ACCEPTED",
                "canonical:",
                PRETTY.writeValueAsString(CanonicalJson.mapper().readTree(CASE.resolve("expected.json").toFile())),
                "exceptions: none",
                "lineage:") + System.lineSeparator() + lineage + System.lineSeparator()
                + "1 record(s): 1 accepted, 0 accepted with exceptions, 0 rejected" + System.lineSeparator();
        assertThat(out.toString()).isEqualTo(expected);
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("  /crime/offences/1/cjsOffenceCode <- OFFENCE_CODE_2 | trim | upper | crime-csv 1");
    }

    @Test
    void aFileWithABadRecordReportsItByLineAndExitsWithOne() {
        StringWriter out = new StringWriter();
        int exit = run(out, new StringWriter(), "mapping", "test", "mappings/crime-csv",
                "mappings/crime-csv/cases/split-nightly-file-with-short-row/input.csv", "--force", "hampshire");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("record 3 (line 4): REJECTED" + System.lineSeparator()
                + "exceptions:" + System.lineSeparator()
                + "  ERROR FL-COLUMNS (record): the line has 35 fields; the header has 36" + System.lineSeparator());
        assertThat(out.toString()).endsWith("4 record(s): 3 accepted, 0 accepted with exceptions, 1 rejected"
                + System.lineSeparator());
    }

    @Test
    void aBrokenMappingIsRefusedWithFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("broken-csv"));
        Files.writeString(folder.resolve("mapping.yaml"), "id: broken-csv\nversion: \"1\"\nrecordType: crime\n"
                + "source: {format: csv}\nfields:\n  /crime/crimeRef: {from: REF, identity: true}\n");
        StringWriter err = new StringWriter();

        int exit = run(new StringWriter(), err, "mapping", "test", folder.toString(), "pom.xml");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mapping refused: " + folder.resolve("mapping.yaml") + ":6: '/crime/crimeRef'"
                + " is not a field of the canonical crime record; fields there: crimeReference, recordedAt, occurredFrom,"
                + " occurredTo, location, offences, suspects, victims, status, officerInCase" + System.lineSeparator());
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine command = new CommandLine(new ForceLinkCli());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
