package org.forcelink.ingest.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.forcelink.canonical.RecordException;
import org.forcelink.ingest.Acknowledgement;

/**
 * The acknowledgement of one dropped file, written as
 * {@code <data-dir>/acks/<force>/<original>.<UTC timestamp>.ack.json} (format in docs/channels.md):
 * what became of the file, and each record's line, message id, status and exceptions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileAck(String force, String system, String file, String storedAs, Instant receivedAt, Status status,
        String reason, String sha256, Counts counts, List<Line> records) {

    /** PROCESSED: the file was read and moved to processed/. REJECTED: moved to rejected/, see reason. */
    public enum Status { PROCESSED, REJECTED }

    /** How many records the file held and how each was answered. */
    public record Counts(int records, int accepted, int acceptedWithExceptions, int rejected) {

        static final Counts NONE = new Counts(0, 0, 0, 0);

        static Counts of(List<Line> lines) {
            return new Counts(lines.size(), count(lines, Acknowledgement.Status.ACCEPTED),
                    count(lines, Acknowledgement.Status.ACCEPTED_WITH_EXCEPTIONS),
                    count(lines, Acknowledgement.Status.REJECTED));
        }

        private static int count(List<Line> lines, Acknowledgement.Status status) {
            return (int) lines.stream().filter(line -> line.status() == status).count();
        }
    }

    /**
     * One record of the file: the line it starts on, and its acknowledgement as the other channels give it
     * (ARCHITECTURE 3.4): the hub's message id (the key to its journey), status, receipt time and
     * exceptions. {@code replayed} is true when the same file was read before and this is the first answer
     * again (the record was not forwarded twice).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(int line, String messageId, Acknowledgement.Status status, Instant receivedAt,
            Boolean replayed, List<RecordException> exceptions) {

        static Line of(int line, Acknowledgement ack, boolean replayed) {
            return new Line(line, ack.messageId(), ack.status(), ack.receivedAt(), replayed ? true : null,
                    ack.exceptions());
        }
    }
}
