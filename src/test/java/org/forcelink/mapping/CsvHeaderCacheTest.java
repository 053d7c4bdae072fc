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
import org.forcelink.config.YamlDocument;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * A CSV record whose header line the mapper has seen before is read from its data line alone; the
 * outcome must be exactly that of a mapper seeing the record first, whatever the record holds.
 */
class CsvHeaderCacheTest {

    private static final SourceContext CONTEXT = new SourceContext("hampshire", "crime",
            "11111111-1111-4111-8111-111111111111", Instant.parse("2026-11-28T22:00:00Z"));

    private static SourceMapper mapper() throws IOException {
        Path config = Path.of("config");
        CanonicalValidator validator = new CanonicalValidator(ReferenceData.load(config.resolve("reference")),
                CompletenessRules.load(config.resolve("completeness.yaml")));
        return new MappingCompiler(new ReferenceLists(config.resolve("reference")), validator)
                .compile("crime-csv", YamlDocument.read(Path.of("mappings/crime-csv/mapping.yaml")));
    }

    @Test
    void aKnownHeaderGivesTheOutcomeOfAFirstReading() throws IOException {
        String file = Files.readString(Path.of("mappings/crime-csv/cases/shop-theft-two-offences/input.csv"),
                StandardCharsets.ISO_8859_1);
        String header = file.substring(0, file.indexOf('\n'));
        String row = file.substring(file.indexOf('\n') + 1).strip();
        String otherRow = row.replace("44/C/118734/26", "44/C/118735/26");
        List<String> records = List.of(
                header + "\n" + row,
                header + "\r\n" + row + "\r\n",
                header + "\n\n" + row + "\n\n",
                header + "\n" + row + "\n" + otherRow,
                header + "\n",
                header,
                "\n" + header + "\n" + row,
                header + "\n" + row.replace("\"Co-op, 14 Bargate, Southampton\"", "\"Co-op,\n14 Bargate\""),
                header + "\n" + row.replace("\"Co-op, 14 Bargate, Southampton\"", "\"Co-op, unterminated"),
                header + "\n" + row + ",an extra field",
                header + "\n" + row.substring(0, row.indexOf(',')),
                header.replace("CRIME_REF", "\"CRIME\nREF\"") + "\n" + row,
                header.replace(",VERSION", "\rVERSION") + "\n" + row);
        SourceMapper warm = mapper();
        for (String record : records) {
            byte[] bytes = record.getBytes(StandardCharsets.ISO_8859_1);
            MappingOutcome first = mapper().map(CONTEXT, bytes);
            warm.map(CONTEXT, bytes);
            MappingOutcome again = warm.map(CONTEXT, bytes);

            assertThat(again).as(record).isEqualTo(first);
        }
        MappingOutcome mapped = warm.map(CONTEXT, (header + "\n" + otherRow).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(mapped.isRejected()).isFalse();
        assertThat(mapped.record().crime().crimeReference()).isEqualTo("44/C/118735/26");
    }
}
