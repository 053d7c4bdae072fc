package org.forcelink.search;

import java.time.Instant;
import java.util.List;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.RecordException;

/** What came of asking one force system: records, or the reason there are none to show. */
public sealed interface ForceOutcome {

    String force();

    String system();

    /** Why a force system is missing from an answer. */
    enum Reason {
        /** It did not answer within its own timeout. */
        TIMEOUT,
        /** It had not answered when the search's deadline came. */
        DEADLINE,
        /** It answered with an error (HTTP status, SOAP fault) or could not be reached. */
        FAILED,
        /** Its answer was not in the format its query format describes. */
        UNREADABLE,
        /** Its query configuration cannot be used, so it was not asked. */
        MISCONFIGURED
    }

    /** A canonical record a force returned, with the exceptions its mapping found. */
    record Found(CanonicalRecord record, List<RecordException> exceptions) {}

    /**
     * The system answered: the records mapped from its answer, how many records of the answer could not
     * be mapped, when its data was current (its answer's own as-of time, else when the answer arrived).
     */
    record Answered(String force, String system, List<Found> records, int unreadable, Instant asOf, long elapsedMs)
            implements ForceOutcome {

        public Answered {
            records = List.copyOf(records);
        }
    }

    /** The system is missing from the answer, and why; the detail never quotes the system's data. */
    record Missing(String force, String system, Reason reason, String detail, long elapsedMs) implements ForceOutcome {}
}
