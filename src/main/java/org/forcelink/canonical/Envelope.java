package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** Routing and provenance data carried with every canonical record (envelope.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        String messageId,
        String correlationId,
        String sourceForce,
        String sourceSystem,
        String sourceRecordId,
        Integer sourceVersion,
        RecordType recordType,
        Action action,
        Instant receivedAt,
        String schemaVersion,
        MappingRef mapping,
        SecurityMarking securityMarking) {

    /** Government Security Classification of the record. */
    public enum SecurityMarking {
        @JsonProperty("OFFICIAL") OFFICIAL,
        @JsonProperty("OFFICIAL-SENSITIVE") OFFICIAL_SENSITIVE,
        @JsonProperty("SECRET") SECRET
    }
}
