package org.forcelink.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/** Least data: what an allow-list keeps of a record, and that it keeps nothing else. */
class FieldAllowListTest {

    private static final String RECORD = """
            {"envelope":{"messageId":"m-1","sourceForce":"kent","sourceRecordId":"46/1"},
             "crime":{"crimeReference":"46/1","recordedAt":"2026-11-28T14:30:00Z",
                      "offences":[{"cjsOffenceCode":"TH68010","homeOfficeClassification":"046/00"},
                                  {"cjsOffenceCode":"PU86001"},
                                  {"cjsOffenceCode":"CD71001","homeOfficeClassification":"058/01"}],
                      "suspects":[{"surname":"Brannigan","dateOfBirth":"1990-02-14"}],
                      "location":{"description":"Fremlin Walk","postcode":"ME14 1QP"},
                      "extensions":[]}}""";

    @Test
    void keepsOnlyAllowedFieldsInTheRecordsOwnOrderAndAlwaysTheMessageId() throws IOException {
        FieldAllowList allow = allow("/crime/offences/*/homeOfficeClassification", "/envelope/sourceForce",
                "/crime/recordedAt");

        JsonNode kept = allow.apply(read(RECORD));

        assertThat(kept.toString()).isEqualTo("{\"envelope\":{\"messageId\":\"m-1\",\"sourceForce\":\"kent\"},"
                + "\"crime\":{\"recordedAt\":\"2026-11-28T14:30:00Z\",\"offences\":[{\"homeOfficeClassification\":"
                + "\"046/00\"},{\"homeOfficeClassification\":\"058/01\"}]}}");
    }

    @Test
    void aPathToAnObjectOrArrayAllowsAllOfItEmptyArraysIncluded() throws IOException {
        JsonNode kept = allow("/crime/location", "/crime/extensions", "/crime/suspects/0/surname").apply(read(RECORD));

        assertThat(kept.toString()).isEqualTo("{\"envelope\":{\"messageId\":\"m-1\"},\"crime\":{\"suspects\":"
                + "[{\"surname\":\"Brannigan\"}],\"location\":{\"description\":\"Fremlin Walk\",\"postcode\":"
                + "\"ME14 1QP\"},\"extensions\":[]}}");
    }

    @Test
    void theOriginalRecordIsLeftAsItWas() throws IOException {
        JsonNode record = read(RECORD);
        String before = record.toString();

        allow("/envelope").apply(record);

        assertThat(record.toString()).isEqualTo(before);
    }

    @Test
    void aPathThroughAScalarKeepsNothingThere() throws IOException {
        assertThat(allow("/crime/crimeReference/deeper").apply(read(RECORD)).toString())
                .isEqualTo("{\"envelope\":{\"messageId\":\"m-1\"}}");
    }

    private static FieldAllowList allow(String... paths) {
        return new FieldAllowList(Stream.of(paths).map(FieldPath::parse).toList());
    }

    private static JsonNode read(String json) throws IOException {
        return CanonicalJson.mapper().readTree(json);
    }

    @Test
    void theMessageIdIsAddedOnce() {
        assertThat(allow("/envelope/messageId").paths()).extracting(FieldPath::text)
                .isEqualTo(List.of("/envelope/messageId"));
    }
}
