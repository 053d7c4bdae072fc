package org.forcelink.ingest;

import java.time.Instant;
import java.util.List;
import org.forcelink.canonical.RecordException;

/** The hub's answer to a submitted record (ARCHITECTURE 3.4). */
public record Acknowledgement(String messageId, Status status, Instant receivedAt, List<RecordException> exceptions) {

    public enum Status { ACCEPTED, ACCEPTED_WITH_EXCEPTIONS, REJECTED }
}
