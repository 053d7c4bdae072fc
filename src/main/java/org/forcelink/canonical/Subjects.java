package org.forcelink.canonical;

/**
 * The subject a record is about, used as its message group so that records about one person or one
 * custody record are delivered in order (a dropped file's records, which travel several to a message,
 * use the {@link #group} of their subjects). A PNC ID is national; other keys are scoped by force.
 */
public final class Subjects {

    /**
     * How many groups of subjects a dropped file's records are spread over: enough for every consumer of
     * a queue to have some, few enough that a run of a file's records of one group fills a message.
     */
    public static final int GROUPS = 16;

    private Subjects() {}

    /** The group of subjects a subject belongs to: the message group of a message of several records. */
    public static String group(String subject) {
        return "subjects-" + Math.floorMod(subject.hashCode(), GROUPS);
    }

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
