package org.forcelink.ingest;

/**
 * What the ingest gate decided. {@code outcome} says how a channel should answer; {@code acknowledgement}
 * is present for ACCEPTED, REJECTED and REPLAYED; {@code detail} explains CONFLICT and UNAVAILABLE.
 */
public record IngestResult(Outcome outcome, Acknowledgement acknowledgement, String detail, int replayedStatus) {

    public enum Outcome {
        /** Durable on the broker: 202. */
        ACCEPTED,
        /** Could not be understood; kept in quarantine: 422. */
        REJECTED,
        /** Same idempotency key and body as before: the first answer again. */
        REPLAYED,
        /** Idempotency key reused with a different body: 409. */
        CONFLICT,
        /** Could not be made durable; nothing accepted: 503. */
        UNAVAILABLE
    }

    static IngestResult accepted(Acknowledgement ack) {
        return new IngestResult(Outcome.ACCEPTED, ack, null, 0);
    }

    static IngestResult rejected(Acknowledgement ack) {
        return new IngestResult(Outcome.REJECTED, ack, null, 0);
    }

    static IngestResult replayed(Acknowledgement ack, int status) {
        return new IngestResult(Outcome.REPLAYED, ack, null, status);
    }

    static IngestResult conflict(String detail) {
        return new IngestResult(Outcome.CONFLICT, null, detail, 0);
    }

    static IngestResult unavailable(String detail) {
        return new IngestResult(Outcome.UNAVAILABLE, null, detail, 0);
    }
}
