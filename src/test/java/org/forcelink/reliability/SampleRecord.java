package org.forcelink.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.forcelink.canonical.CanonicalJson;

/**
 * One record a reliability test submits for Kent: its system, the subject the hub groups it under, its
 * source version, the recipients entitled to it, the body and the Idempotency-Key every retry reuses.
 * Bodies are the golden cases of mappings/canonical-json with the identifiers changed.
 */
record SampleRecord(String system, String subject, int version, List<String> recipients, byte[] body,
        String idempotencyKey) {

    /** A custody record without a PNC ID, so its subject is the custody number. */
    static SampleRecord custody(String custodyNumber, int version, List<String> recipients) {
        ObjectNode record = template("custody-with-medication");
        ObjectNode envelope = (ObjectNode) record.get("envelope");
        envelope.put("sourceRecordId", custodyNumber);
        envelope.put("sourceVersion", version);
        envelope.put("correlationId", UUID.randomUUID().toString());
        ObjectNode custody = (ObjectNode) record.get("custody");
        custody.put("custodyNumber", custodyNumber);
        ((ObjectNode) custody.get("detainee")).remove("pncId");
        return new SampleRecord("custody", "kent:custody:" + custodyNumber, version, recipients, bytes(record),
                UUID.randomUUID().toString());
    }

    static SampleRecord crime(String crimeReference, List<String> recipients) {
        ObjectNode record = template("crime-two-offences");
        ObjectNode envelope = (ObjectNode) record.get("envelope");
        envelope.put("sourceRecordId", crimeReference);
        envelope.put("correlationId", UUID.randomUUID().toString());
        ((ObjectNode) record.get("crime")).put("crimeReference", crimeReference);
        int version = envelope.get("sourceVersion").asInt();
        return new SampleRecord("crime", "kent:crime:" + crimeReference, version, recipients, bytes(record),
                UUID.randomUUID().toString());
    }

    static ObjectNode template(String goldenCase) {
        try {
            return (ObjectNode) CanonicalJson.mapper().readTree(
                    Files.readAllBytes(Path.of("mappings/canonical-json/cases", goldenCase, "input.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(ObjectNode record) {
        try {
            return CanonicalJson.mapper().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
