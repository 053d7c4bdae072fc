package org.forcelink.replay;

import java.util.List;

/**
 * What an operator asks to replay. {@code source} is {@code dead-letters} (the recipient's dead-letter
 * queue) or {@code search} (records by message ids, or by a time window with optional force, type and
 * mapping id/version). {@code remap} maps the stored input again with the current mapping instead of
 * re-sending the canonical record as it was (default: false for dead letters, true for search).
 */
public record ReplayRequest(String source, String recipient, List<String> messageIds, String force, String type,
        String from, String to, String mappingId, String mappingVersion, Boolean remap, Integer limit,
        String reason) {}
