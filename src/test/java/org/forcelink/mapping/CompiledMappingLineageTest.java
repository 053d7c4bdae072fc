package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.canonical.CompletenessRules;
import org.forcelink.canonical.RecordException;
import org.forcelink.config.YamlDocument;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which lineage entries a mapped record keeps: those of the values it still holds, and only those. */
class CompiledMappingLineageTest {

    private static final String MAPPING = """
            id: lineage-test
            version: "3"
            recordType: crime
            source:
              format: csv
              encoding: UTF-8
            fields:
              /envelope/sourceRecordId:
                from: REF
                identity: true
              /crime/crimeReference:
                from: REF
                identity: true
              /crime/offences:
                each: {count: 2}
                fields:
                  description:
                    from: TITLE_{i}
                  homeOfficeClassification:
                    from: HO_CLASS_{i}
            """;
    private static final String HEADER = "REF,TITLE_1,HO_CLASS_1,TITLE_2,HO_CLASS_2\n";
    private static final SourceContext CONTEXT = new SourceContext("hampshire", "crime",
            "11111111-1111-4111-8111-111111111111", Instant.parse("2026-11-28T22:00:00Z"));

    @TempDir
    Path dir;

    private MappingOutcome map(String row) throws IOException {
        Path config = Path.of("config");
        CanonicalValidator validator = new CanonicalValidator(ReferenceData.load(config.resolve("reference")),
                CompletenessRules.load(config.resolve("completeness.yaml")));
        MappingCompiler compiler = new MappingCompiler(new ReferenceLists(config.resolve("reference")), validator);
        Path file = Files.writeString(dir.resolve("mapping.yaml"), MAPPING);
        SourceMapper mapper = compiler.compile("lineage-test", YamlDocument.read(file));
        return mapper.map(CONTEXT, (HEADER + row).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(MappingOutcome outcome) {
        return outcome.lineage().stream().map(Lineage::field).toList();
    }

    @Test
    void everyValueSetKeepsItsLineage() throws IOException {
        MappingOutcome outcome = map("44/C/1/26,Theft from a shop,046/00,Criminal damage,058/01");

        assertThat(outcome.isRejected()).isFalse();
        assertThat(fields(outcome)).containsExactly("/envelope/sourceRecordId", "/crime/crimeReference",
                "/crime/offences/0/description", "/crime/offences/0/homeOfficeClassification",
                "/crime/offences/1/description", "/crime/offences/1/homeOfficeClassification");
        assertThat(outcome.lineage().get(2))
                .isEqualTo(new Lineage("/crime/offences/0/description", "TITLE_1", "as read", "lineage-test 3"));
    }

    @Test
    void aValueTheValidatorRemovesLosesItsLineage() throws IOException {
        MappingOutcome outcome = map("44/C/1/26,Theft from a shop,46/0,Criminal damage,058/01");

        assertThat(outcome.exceptions()).extracting(RecordException::path)
                .contains("/crime/offences/0/homeOfficeClassification");
        assertThat(outcome.record().crime().offences().get(0).homeOfficeClassification()).isNull();
        assertThat(fields(outcome)).containsExactly("/envelope/sourceRecordId", "/crime/crimeReference",
                "/crime/offences/0/description", "/crime/offences/1/description",
                "/crime/offences/1/homeOfficeClassification");
    }
}
