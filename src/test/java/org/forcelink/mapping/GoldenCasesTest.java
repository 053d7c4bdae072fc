package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.config.ReloadStatus;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case of every mapping folder: {@code mappings/<family>/cases/<case>/} holds one
 * {@code input.*} (txt, csv, xml or json), the exact canonical output {@code expected.json} ({@code null}
 * for a rejected record) and the exact exceptions {@code exceptions.json}, optionally the exact
 * {@code lineage.json}, and optionally a {@code case.yaml} naming the force and system the case is sent
 * as (a force's override applies) and {@code split: true} for a file of many records, whose expected
 * files then list each record by line. Adding a case is adding a folder.
 */
class GoldenCasesTest {

    /** The source context every case is mapped in, so expected files can name message id and time. */
    static final SourceContext CONTEXT =
            new SourceContext("kent", "custody", "11111111-1111-4111-8111-111111111111",
                    Instant.parse("2026-11-28T22:00:00Z"));

    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("mappings"))) {
            List<Path> families = folders.filter(Files::isDirectory).sorted().toList();
            return families.stream().flatMap(GoldenCasesTest::casesOf);
        }
    }

    private static Stream<Path> casesOf(Path family) {
        Path cases = family.resolve("cases");
        // Recipient formats (an outbound.yaml in the folder) have their own runner, OutboundGoldenCasesTest.
        if (!Files.isDirectory(cases) || Files.exists(family.resolve("outbound.yaml"))) {
            return Stream.empty();
        }
        try (Stream<Path> list = Files.list(cases)) {
            return list.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsExactly(Path caseDir) throws IOException {
        GoldenCase golden = GoldenCase.of(caseDir);
        SourceMapper mapper = mapperFor(golden.family(), golden.context().force());

        if (golden.split()) {
            assertThat(JSON.writeValueAsString(golden.splitResults(mapper, "record")))
                    .isEqualTo(normalised(caseDir.resolve("expected.json")));
            assertThat(JSON.writeValueAsString(golden.splitResults(mapper, "exceptions")))
                    .isEqualTo(normalised(caseDir.resolve("exceptions.json")));
            return;
        }
        MappingOutcome outcome = mapper.map(golden.context(), golden.input());

        assertThat(JSON.writeValueAsString(outcome.record()))
                .as("canonical output of %s (exceptions %s)", caseDir, outcome.exceptions())
                .isEqualTo(normalised(caseDir.resolve("expected.json")));
        assertThat(JSON.writeValueAsString(outcome.exceptions()))
                .isEqualTo(normalised(caseDir.resolve("exceptions.json")));
        if (Files.exists(caseDir.resolve("lineage.json"))) {
            assertThat(JSON.writeValueAsString(outcome.lineage()))
                    .isEqualTo(normalised(caseDir.resolve("lineage.json")));
        }
    }

    /** A case folder: its input, the context it is mapped in and whether it is a file of many records. */
    record GoldenCase(Path dir, String family, SourceContext context, boolean split, byte[] input) {

        static GoldenCase of(Path dir) throws IOException {
            String family = dir.getParent().getParent().getFileName().toString();
            SourceContext context = CONTEXT;
            boolean split = false;
            Path caseFile = dir.resolve("case.yaml");
            if (Files.exists(caseFile)) {
                JsonNode settings = YAML.readTree(caseFile.toFile());
                context = new SourceContext(settings.path("force").asText(CONTEXT.force()),
                        settings.path("system").asText(CONTEXT.system()), CONTEXT.messageId(), CONTEXT.receivedAt());
                split = settings.path("split").asBoolean(false);
            }
            Path input;
            try (Stream<Path> files = Files.list(dir)) {
                input = files.filter(f -> f.getFileName().toString().startsWith("input.")).findFirst()
                        .orElseThrow(() -> new IllegalStateException(dir + " has no input.* file"));
            }
            return new GoldenCase(dir, family, context, split, Files.readAllBytes(input));
        }

        /** Per record of the split file: its line and its canonical record (or null) or its exceptions. */
        ArrayNode splitResults(SourceMapper mapper, String what) {
            FileSplit split = mapper.split(input);
            ArrayNode results = JSON.createArrayNode();
            if (split.isRejected()) {
                results.addObject().put("rejection", split.rejection());
                return results;
            }
            for (SourceRecord record : split.records()) {
                MappingOutcome outcome = mapper.map(context, record.payload());
                ObjectNode result = results.addObject();
                result.put("line", record.line());
                result.set(what, JSON.valueToTree(what.equals("record") ? outcome.record() : outcome.exceptions()));
            }
            return results;
        }
    }

    /** The expected file's JSON with its key order and values kept and layout removed. */
    private static String normalised(Path file) throws IOException {
        JsonNode tree = JSON.readTree(file.toFile());
        return JSON.writeValueAsString(tree);
    }

    static SourceMapper mapperFor(String family) {
        return mapperFor(family, CONTEXT.force());
    }

    /** The family's mapping as {@code force} uses it: the base, or the base with the force's override. */
    static SourceMapper mapperFor(String family, String force) {
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        CanonicalValidator validator = new CanonicalValidator(reference,
                CompletenessRules.load(Path.of("config/completeness.yaml")));
        if (family.equals(CanonicalJsonMapper.FAMILY)) {
            return new CanonicalJsonMapper(validator);
        }
        MappingCatalog catalog = new MappingCatalog(Path.of("mappings"),
                new MappingCompiler(new ReferenceLists(Path.of("config/reference")), validator),
                new ReloadStatus(Clock.systemUTC()));
        catalog.reload(family);
        return catalog.forForce(family, force)
                .orElseThrow(() -> new UncheckedIOException(new IOException("mapping family " + family + " does not compile")));
    }
}
