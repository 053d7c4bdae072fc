package org.forcelink.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden canonical samples are valid against the v1 schemas and survive a Java round trip byte for byte. */
class CanonicalModelTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final JsonSchema RECORD_SCHEMA = JsonSchemaFactory
            .getInstance(SpecVersion.VersionFlag.V202012,
                    // The schemas' $ids are URNs, so relative $refs resolve to urn:forcelink:canonical:v1:<file>.
                    builder -> builder.schemaMappers(mappers ->
                            mappers.mapPrefix("urn:forcelink:canonical:v1:", "classpath:canonical/v1/")))
            .getSchema(SchemaLocation.of("classpath:canonical/v1/record.schema.json"),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("custody-with-medication.json", RecordType.CUSTODY, Custody.class),
                Arguments.of("nominal.json", RecordType.NOMINAL, Person.class),
                Arguments.of("crime.json", RecordType.CRIME, Crime.class),
                Arguments.of("case-file.json", RecordType.CASE_FILE, CaseFile.class),
                Arguments.of("intelligence.json", RecordType.INTELLIGENCE, Intelligence.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsValidAgainstTheRecordSchema(String sample, RecordType type, Class<?> bodyType) throws IOException {
        Set<ValidationMessage> errors = RECORD_SCHEMA.validate(MAPPER.readTree(read(sample)));

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleRoundTripsThroughTheJavaModelUnchanged(String sample, RecordType type, Class<?> bodyType)
            throws IOException {
        String text = read(sample);

        CanonicalRecord record = MAPPER.readValue(text, CanonicalRecord.class);
        String written = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record);

        assertThat(written).isEqualTo(stripTrailingNewline(text));
        assertThat(record.envelope().recordType()).isEqualTo(type);
        assertThat(record.body()).isInstanceOf(bodyType);
        JsonNode body = MAPPER.valueToTree(record.body());
        assertThat(body).isEqualTo(MAPPER.readTree(text).get(type.jsonName()));
    }

    @Test
    void badDateAndBadTimeOfDayAreTheOnlyErrors() throws IOException {
        ObjectNode record = (ObjectNode) MAPPER.readTree(read("custody-with-medication.json"));
        ObjectNode custody = (ObjectNode) record.get("custody");
        ((ObjectNode) custody.get("detainee")).put("dateOfBirth", "31/02/1990");
        ((ArrayNode) custody.get("medications").get(1).get("dueTimes")).set(1, "25:00");

        Set<ValidationMessage> errors = RECORD_SCHEMA.validate(record);

        assertThat(errors).extracting(ValidationMessage::getType).containsExactlyInAnyOrder("format", "pattern");
        assertThat(errors.stream().map(e -> e.getInstanceLocation().toString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("/custody/detainee/dateOfBirth", "/custody/medications/1/dueTimes/1");
    }

    @Test
    void bodyThatDoesNotMatchTheRecordTypeIsReported() throws IOException {
        ObjectNode record = (ObjectNode) MAPPER.readTree(read("nominal.json"));
        ((ObjectNode) record.get("envelope")).put("recordType", "custody");

        Set<ValidationMessage> errors = RECORD_SCHEMA.validate(record);

        assertThat(errors).extracting(ValidationMessage::getType).contains("required");
        assertThat(errors).extracting(ValidationMessage::getProperty).contains("custody");
    }

    private static String read(String sample) throws IOException {
        try (InputStream in = CanonicalModelTest.class.getResourceAsStream("/canonical/" + sample)) {
            assertThat(in).as("sample %s on the test classpath", sample).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
