package org.forcelink.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.mapping.FileSplit;
import org.forcelink.mapping.MappingOutcome;
import org.forcelink.mapping.SourceContext;
import org.forcelink.mapping.SourceMapper;
import org.forcelink.mapping.SourceRecord;
import org.forcelink.registry.SourceSystem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case of every query format: {@code mappings/queries/<format>/cases/<case>/} holds a
 * {@code case.yaml} (the force system asked, the search id and purpose, the subject, and the answer's HTTP
 * status and headers), the exact request the hub sends ({@code request.*}), an answer ({@code answer.*})
 * and the exact outcome of reading it ({@code expected.json}: as-of time, fault, each canonical record with
 * its exceptions, each record its mapping rejected, or why the answer could not be read). Adding a case is
 * adding a folder.
 */
class QueryFormatCasesTest {

    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The time the hub received each case's answer, so expected files can name it. */
    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:15:00Z");

    static Stream<Path> cases() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path query : QueryFormats.files(Path.of("mappings/queries"))) {
            Path cases = query.getParent().resolve("cases");
            if (Files.isDirectory(cases)) {
                try (Stream<Path> list = Files.list(cases)) {
                    list.filter(Files::isDirectory).sorted().forEach(all::add);
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesTheRequestAndReadsTheAnswerExactly(Path dir) throws IOException {
        QueryFormat format = SearchFixtures.format(dir.getParent().getParent().getFileName().toString());
        JsonNode settings = YAML.readTree(dir.resolve("case.yaml").toFile());
        String force = settings.path("force").asText();
        String system = settings.path("system").asText();
        JsonNode subject = settings.path("subject");
        SubjectQuery query = new SubjectQuery(text(subject, "pncId"), text(subject, "surname"),
                text(subject, "forename"), subject.has("dateOfBirth") ? LocalDate.parse(subject.get("dateOfBirth")
                        .asText()) : null, text(subject, "custodyNumber"), null);

        byte[] request = format.body(RequestTemplate.values(settings.path("searchId").asText(),
                settings.path("purpose").asText(), force, query));
        Path expectedRequest = file(dir, "request.");
        if (expectedRequest == null) {
            keep(dir, "request", request);
        }
        assertThat(expectedRequest).as("the request the hub should send, request.*").isNotNull();
        assertThat(new String(request, format.charset())).isEqualTo(
                new String(Files.readAllBytes(expectedRequest), format.charset()));

        Map<String, String> headers = YAML.convertValue(settings.path("headers"), Map.class) == null ? Map.of()
                : YAML.convertValue(settings.path("headers"), Map.class);
        Path answer = file(dir, "answer.");
        assertThat(answer).as("the force system's answer, answer.*").isNotNull();
        ObjectNode actual = read(format, force, system, Files.readAllBytes(answer), headers);
        Path expected = dir.resolve("expected.json");
        if (!Files.exists(expected)) {
            keep(dir, "expected.json", actual.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(expected).as("the exact outcome, expected.json").exists();
        assertThat(actual.toPrettyString()).isEqualTo(JSON.readTree(expected.toFile()).toPrettyString());
    }

    /** What the hub makes of an answer: as ForceQueries.answer does, without the HTTP status handling. */
    private static ObjectNode read(QueryFormat format, String force, String system, byte[] answer,
            Map<String, String> headers) {
        ObjectNode result = JSON.createObjectNode();
        AnswerFormat.Read read;
        try {
            read = format.answer().read(answer, headers::get);
        } catch (IllegalArgumentException e) {
            result.put("unreadable", e.getMessage());
            return result;
        }
        result.put("asOf", read.asOf() == null ? null : read.asOf().toString());
        result.put("fault", read.fault());
        ArrayNode records = result.putArray("records");
        ArrayNode rejected = result.putArray("rejected");
        for (AnswerFormat.RawRecord raw : read.records()) {
            SourceMapper mapper = SearchFixtures.MAPPERS.forSystem(force,
                    new SourceSystem(system, raw.family(), "", List.of())).orElseThrow();
            List<byte[]> payloads = new ArrayList<>();
            if (format.answer().syntax() == AnswerFormat.Syntax.TEXT) {
                FileSplit split = mapper.split(raw.payload());
                if (!split.isRejected()) {
                    split.records().stream().map(SourceRecord::payload).forEach(payloads::add);
                }
            } else {
                payloads.add(raw.payload());
            }
            for (byte[] payload : payloads) {
                MappingOutcome outcome = mapper.map(new SourceContext(force, system,
                        "00000000-0000-4000-8000-000000000000", RECEIVED), payload);
                ObjectNode entry = (outcome.isRejected() ? rejected : records).addObject();
                entry.put("from", raw.where());
                if (!outcome.isRejected()) {
                    entry.set("record", JSON.valueToTree(outcome.record()));
                }
                entry.set("exceptions", JSON.valueToTree(outcome.exceptions()));
            }
        }
        return result;
    }

    /** The case's file named {@code prefix}*, or null when it has none. */
    private static Path file(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
        }
    }

    /** Keeps what a new case produced under target/query-cases/, for its author to check and copy. */
    private static void keep(Path dir, String name, byte[] content) throws IOException {
        Path out = Path.of("target/query-cases", dir.getParent().getParent().getFileName().toString(),
                dir.getFileName().toString());
        Files.createDirectories(out);
        Files.write(out.resolve(name), content);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
