package org.forcelink.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.format.DateFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.forcelink.reference.ReferenceData;
import org.junit.jupiter.api.Test;

class IsoDateFormatTest {

    private static final String[] PARTS = {"00", "01", "02", "09", "10", "12", "13", "28", "29", "30", "31", "32", "99"};

    @Test
    void answersAsTheLibrarysDateFormat() {
        DateFormat library = new DateFormat();
        IsoDateFormat format = new IsoDateFormat();
        Random random = new Random(20261129L);
        int valid = 0;
        for (int n = 0; n < 100_000; n++) {
            String year = random.nextBoolean() ? String.format("%04d", random.nextInt(10_000))
                    : List.of("0000", "1900", "2000", "2024", "2026", "2100", "9999").get(random.nextInt(7));
            String text = year + "-" + PARTS[random.nextInt(PARTS.length)] + "-" + PARTS[random.nextInt(PARTS.length)];
            if (n % 5 == 0) {
                int at = random.nextInt(text.length());
                text = switch (random.nextInt(5)) {
                    case 0 -> text.substring(0, at) + text.substring(at + 1);
                    case 1 -> text.substring(0, at) + random.nextInt(10) + text.substring(at);
                    case 2 -> text.substring(0, at) + "/" + text.substring(at + 1);
                    case 3 -> "+" + text;
                    default -> text.substring(0, at) + '\uFF11' + text.substring(at + 1);
                };
            }
            boolean expected = library.matches(null, text);
            assertThat(format.matches(null, text)).as(text).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        assertThat(valid).isBetween(10_000, 90_000);
        assertThat(format.getName()).isEqualTo("date");
    }

    @Test
    void theValidatorRemovesADateThatIsNotOne() throws IOException {
        Path config = Path.of("config");
        CanonicalValidator validator = new CanonicalValidator(ReferenceData.load(config.resolve("reference")),
                CompletenessRules.load(config.resolve("completeness.yaml")));
        ObjectNode record = (ObjectNode) CanonicalJson.mapper().readTree("""
                {"envelope":{"messageId":"11111111-1111-4111-8111-111111111111","sourceForce":"kent",
                  "sourceSystem":"crime","sourceRecordId":"44/C/1/26","recordType":"crime","action":"insert",
                  "receivedAt":"2026-11-28T22:00:00Z","schemaVersion":"1.0","mapping":{"id":"x","version":"1"}},
                 "crime":{"crimeReference":"44/C/1/26","suspects":[{"surname":"ONE","dateOfBirth":"1994-02-30"},
                  {"surname":"TWO","dateOfBirth":"1994-02-28"}]}}""");

        CanonicalValidator.Result result = validator.validate(record, RecordType.CRIME);

        assertThat(result.valuesRemoved()).isTrue();
        assertThat(result.exceptions()).filteredOn(e -> e.code().equals("FL-SCHEMA")).containsExactly(
                RecordException.warning("FL-SCHEMA", "/crime/suspects/0/dateOfBirth",
                        "does not match the date pattern must be a valid RFC 3339 full-date; the value was removed"));
        assertThat(record.at("/crime/suspects/0").has("dateOfBirth")).isFalse();
        assertThat(record.at("/crime/suspects/1/dateOfBirth").asText()).isEqualTo("1994-02-28");
    }
}
