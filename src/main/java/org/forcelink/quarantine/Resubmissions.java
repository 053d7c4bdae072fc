package org.forcelink.quarantine;

import java.time.Clock;
import org.forcelink.api.ApiProblem;
import org.forcelink.ingest.IngestResult;
import org.forcelink.ingest.IngestService;
import org.forcelink.ingest.Submission;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.Caller;
import org.forcelink.tracking.JourneyRecorder;
import org.forcelink.tracking.QuarantineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resubmits quarantined input after repair, through the same ingest gate every channel uses: with an
 * edited payload, or as received once a mapping has been fixed. Both journeys get a {@code resubmitted}
 * step naming the other record, so each can be found from the other.
 */
public class Resubmissions {

    private static final Logger log = LoggerFactory.getLogger(Resubmissions.class);

    private final QuarantineStore quarantine;
    private final ForceRegistry registry;
    private final IngestService ingest;
    private final JourneyRecorder journey;
    private final Clock clock;

    public Resubmissions(QuarantineStore quarantine, ForceRegistry registry, IngestService ingest,
            JourneyRecorder journey, Clock clock) {
        this.quarantine = quarantine;
        this.registry = registry;
        this.ingest = ingest;
        this.journey = journey;
        this.clock = clock;
    }

    /**
     * Resubmits one quarantined input. {@code editedPayload} null means as received; {@code contentType} is
     * the edited payload's (or null to keep the original's).
     */
    public IngestResult resubmit(String messageId, byte[] editedPayload, String contentType, String reason,
            Caller caller) {
        QuarantineStore.Entry entry = quarantine.find(messageId).filter(e -> caller.sees(e.force()))
                .orElseThrow(() -> ApiProblem.notFound("unknown-message", "no quarantined input " + messageId
                        + " in your scope"));
        if (entry.purgedAt() != null && editedPayload == null) {
            throw ApiProblem.conflict("payload-purged", "the input was purged by the retention job at "
                    + entry.purgedAt() + "; resubmit an edited payload instead");
        }
        if (!quarantine.claimResubmission(messageId, caller.name(), clock.instant())) {
            QuarantineStore.Entry now = quarantine.find(messageId).orElse(entry);
            throw ApiProblem.conflict("already-resubmitted", "quarantined input " + messageId + " was already"
                    + " resubmitted by " + now.resubmittedBy() + (now.resubmittedAs() == null ? ""
                            : " as " + now.resubmittedAs()));
        }
        if (registry.system(entry.force(), entry.system()).isEmpty()) {
            quarantine.releaseResubmission(messageId);
            throw ApiProblem.conflict("cannot-resubmit", "force " + entry.force() + " has no system '"
                    + entry.system() + "' any more");
        }
        boolean edited = editedPayload != null;
        IngestResult result;
        try {
            result = ingest.submit(new Submission(caller.name(), entry.force(), entry.system(), "resubmission",
                    contentType != null ? contentType : entry.contentType(),
                    edited ? editedPayload : entry.payload(), null));
        } catch (RuntimeException e) {
            quarantine.releaseResubmission(messageId);
            throw e;
        }
        if (result.acknowledgement() == null || result.outcome() == IngestResult.Outcome.UNAVAILABLE
                || result.outcome() == IngestResult.Outcome.CONFLICT) {
            quarantine.releaseResubmission(messageId);
            return result;
        }
        String newId = result.acknowledgement().messageId();
        quarantine.resubmitted(messageId, newId);
        String why = reason == null || reason.isBlank() ? "" : "; reason: " + reason.trim();
        journey.event(messageId, clock.instant(), "resubmitted", caller.name(), null, "resubmitted as " + newId
                + (edited ? " with an edited payload" : " as received") + why);
        journey.event(newId, result.acknowledgement().receivedAt(), "resubmitted", caller.name(), null,
                "resubmission of quarantined message " + messageId + (edited ? " (edited payload)" : " (as received)"));
        log.info("quarantined {} resubmitted by {} as {}: {}", messageId, caller.name(), newId, result.outcome());
        return result;
    }
}
