package org.forcelink.ingest;

/**
 * A record as it reaches the ingest gate from any channel: who sent it, to which system, the raw bytes,
 * and the optional idempotency key.
 */
public record Submission(String credentialId, String force, String system, String channel, String contentType,
        byte[] payload, String idempotencyKey) {}
