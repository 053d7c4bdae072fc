package org.forcelink.mapping;

import java.util.List;
import org.forcelink.canonical.CanonicalRecord;
import org.forcelink.canonical.RecordException;

/**
 * What a mapping made of one source record: a canonical record with its exceptions and the lineage of
 * each field it set, or a rejection (the record could not be understood or has no identity) with the
 * reason as an ERROR exception.
 */
public record MappingOutcome(CanonicalRecord record, List<RecordException> exceptions, List<Lineage> lineage) {

    public MappingOutcome(CanonicalRecord record, List<RecordException> exceptions) {
        this(record, exceptions, List.of());
    }

    public static MappingOutcome accepted(CanonicalRecord record, List<RecordException> exceptions) {
        return new MappingOutcome(record, List.copyOf(exceptions), List.of());
    }

    public static MappingOutcome accepted(CanonicalRecord record, List<RecordException> exceptions,
            List<Lineage> lineage) {
        return new MappingOutcome(record, List.copyOf(exceptions), List.copyOf(lineage));
    }

    public static MappingOutcome rejected(String code, String path, String reason) {
        return new MappingOutcome(null, List.of(RecordException.error(code, path, reason)), List.of());
    }

    public boolean isRejected() {
        return record == null;
    }

    /** The first ERROR exception's message: why the record was rejected. */
    public String rejectionReason() {
        return exceptions.stream().filter(e -> e.severity() == RecordException.Severity.ERROR)
                .map(RecordException::message).findFirst().orElse(null);
    }
}
