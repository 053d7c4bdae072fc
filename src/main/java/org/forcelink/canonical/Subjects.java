package org.forcelink.canonical;

/**
 * The subject a record is about, used as its message group so that records about one person or one
 * custody record are delivered in order. A PNC ID is national; other keys are scoped by force.
 */
public final class Subjects {

    private Subjects() {}

    public static String of(CanonicalRecord record) {
        Envelope envelope = record.envelope();
        Person person = switch (envelope.recordType()) {
            case NOMINAL -> record.nominal();
            case CUSTODY -> record.custody().detainee();
            case CASE_FILE -> record.caseFile().defendant();
            case CRIME, INTELLIGENCE -> null;
        };
        if (person != null && person.pncId() != null) {
            return "pnc:" + person.pncId();
        }
        String local = switch (envelope.recordType()) {
            case NOMINAL -> record.nominal().localPersonId() == null ? null : "person:" + record.nominal().localPersonId();
            case CUSTODY -> "custody:" + record.custody().custodyNumber();
            case CASE_FILE -> "urn:" + record.caseFile().urn();
            case CRIME -> "crime:" + record.crime().crimeReference();
            case INTELLIGENCE -> "intelligence:" + record.intelligence().intelligenceId();
        };
        return envelope.sourceForce() + ":" + (local != null ? local : "record:" + envelope.sourceRecordId());
    }
}
