package org.forcelink.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which source record a canonical record is a version of: force, system and the source's record id,
 * plus its version and the hub's message id. A corrected version is the same force, system and record
 * id with a higher version.
 */
public record RecordIdentity(String messageId, String force, String system, String sourceRecordId,
        Integer sourceVersion) {

    public static RecordIdentity of(JsonNode record) {
        JsonNode envelope = record.path("envelope");
        JsonNode version = envelope.path("sourceVersion");
        return new RecordIdentity(envelope.path("messageId").asText(null), envelope.path("sourceForce").asText(null),
                envelope.path("sourceSystem").asText(null), envelope.path("sourceRecordId").asText(null),
                version.isIntegralNumber() ? version.asInt() : null);
    }

    /** Whether this record corrects {@code earlier}: same source record, a higher version, another message. */
    public boolean corrects(RecordIdentity earlier) {
        return sameRecord(earlier) && !messageId.equals(earlier.messageId) && sourceVersion != null
                && (earlier.sourceVersion == null || sourceVersion > earlier.sourceVersion);
    }

    public boolean sameRecord(RecordIdentity other) {
        return force.equals(other.force) && system.equals(other.system) && sourceRecordId.equals(other.sourceRecordId);
    }
}
