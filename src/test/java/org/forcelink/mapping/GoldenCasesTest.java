package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every golden case of every mapping folder: {@code mappings/<family>/cases/<case>/} holds
 * {@code input.*}, the exact canonical output {@code expected.json} and the exact exceptions
 * {@code exceptions.json}. Adding a case is adding a folder.
 */
class GoldenCasesTest {

    /** The source context every case is mapped in, so expected files can name message id and time. */
    static final SourceContext CONTEXT =
            new SourceContext("kent", "custody", "11111111-1111-4111-8111-111111111111",
                    Instant.parse("2026-11-28T22:00:00Z"));

    private static final ObjectMapper JSON = CanonicalJson.mapper();

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
        String family = caseDir.getParent().getParent().getFileName().toString();
        SourceMapper mapper = mapperFor(family);
        byte[] input = Files.readAllBytes(caseDir.resolve("input.json"));

        MappingOutcome outcome = mapper.map(CONTEXT, input);

        assertThat(outcome.isRejected()).as("rejected: %s", outcome.exceptions()).isFalse();
        assertThat(JSON.writeValueAsString(outcome.record()))
                .isEqualTo(normalised(caseDir.resolve("expected.json")));
        assertThat(JSON.writeValueAsString(outcome.exceptions()))
                .isEqualTo(normalised(caseDir.resolve("exceptions.json")));
    }

    /** The expected file's JSON with its key order and values kept and layout removed. */
    private static String normalised(Path file) throws IOException {
        JsonNode tree = JSON.readTree(file.toFile());
        return JSON.writeValueAsString(tree);
    }

    static SourceMapper mapperFor(String family) {
        ReferenceData reference = ReferenceData.load(Path.of("config/reference"));
        CanonicalValidator validator = new CanonicalValidator(reference,
                CompletenessRules.load(Path.of("config/completeness.yaml")));
        return switch (family) {
            case CanonicalJsonMapper.FAMILY -> new CanonicalJsonMapper(validator);
            default -> throw new IllegalStateException("no mapper for family " + family);
        };
    }
}
