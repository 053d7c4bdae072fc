package org.forcelink.mapping;

import java.time.Instant;

/** Who sent a record and when: what a mapping needs besides the payload to fill the envelope. */
public record SourceContext(String force, String system, String messageId, Instant receivedAt) {}
