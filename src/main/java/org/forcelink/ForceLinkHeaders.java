package org.forcelink;

/**
 * Names of the message headers ForceLink sets. They travel as JMS properties between hops, so they
 * use only letters (JMS property names may not contain dots or hyphens).
 */
public final class ForceLinkHeaders {

    /** The hub's message id (UUID): the key to the record's journey; given to every recipient. */
    public static final String MESSAGE_ID = "forcelinkMessageId";
    /** Code of the force whose credentials submitted the record. */
    public static final String FORCE = "forcelinkForce";
    /** Id of the source system within that force. */
    public static final String SYSTEM = "forcelinkSystem";
    /** Canonical record type: nominal, custody, crime, caseFile or intelligence. */
    public static final String RECORD_TYPE = "forcelinkRecordType";
    /** Recipients chosen by the dispatcher, comma separated with leading and trailing commas. */
    public static final String RECIPIENTS = "forcelinkRecipients";
    /** The recipient an outbound route delivers to. */
    public static final String RECIPIENT = "forcelinkRecipient";
    /** Why a delivery failed, set on dead letters. */
    public static final String FAILURE_CAUSE = "forcelinkFailureCause";
    /** The subscription rule that entitled the recipient, when the dispatcher or outbound route names one. */
    public static final String SUBSCRIPTION_RULE = "forcelinkSubscriptionRule";
    /** The version of the recipient's subscription policy the delivery was made under, when a route sets it. */
    public static final String POLICY_VERSION = "forcelinkPolicyVersion";
    /** Set on records a replay job re-sends: the job's id, for the journey and the delivery log. */
    public static final String REPLAY_JOB = "forcelinkReplayJob";
    /**
     * Artemis message group, so that records about one subject are consumed in order by one consumer: the
     * subject of a record that travels alone; for several records in one message (a dropped file's), the
     * group of subjects they share ({@code Subjects.group}).
     */
    public static final String GROUP_ID = "JMSXGroupID";
    /** The subject a record is about (a PNC ID, or a force's key of the record): what is kept in order. */
    public static final String SUBJECT = "forcelinkSubject";
    /** On a message that carries several records (org.forcelink.broker.RecordBatch): how many. */
    public static final String RECORDS = "forcelinkRecords";
    /** Artemis duplicate detection id: a re-send with the same id is dropped by the broker. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** File drop: absolute path of the dropped file being answered. */
    public static final String DROPPED_FILE = "forcelinkDroppedFile";
    /** File drop: absolute path the dropped file is moved to once answered, in processed/ or rejected/. */
    public static final String ARCHIVED_FILE = "forcelinkArchivedFile";
    /** File drop: path of the file's acknowledgement relative to {@code <data-dir>/acks}. */
    public static final String ACK_FILE = "forcelinkAckFile";
    /** JMS: the acknowledgement's status (ACCEPTED, ACCEPTED_WITH_EXCEPTIONS or REJECTED). */
    public static final String ACK_STATUS = "forcelinkStatus";
    /** JMS: true on an acknowledgement that repeats the first answer to a redelivered message. */
    public static final String REPLAYED = "forcelinkReplayed";

    /** JMS property giving a JMS recipient the media type of the record in the message body. */
    public static final String CONTENT_TYPE = "forcelinkContentType";
    /** HTTP and SOAP header that carries the hub's message id to a recipient (ARCHITECTURE 3.6). */
    public static final String HTTP_MESSAGE_ID = "X-ForceLink-Message-Id";

    // Exchange properties of outbound routes: they stay inside the hub and are never sent on.

    /** Exchange property: the record's identity (force, system, source record id and version). */
    public static final String RECORD_IDENTITY = "forcelinkRecordIdentity";
    /** Exchange property: true when the record is held for this recipient and must not be sent. */
    public static final String HELD = "forcelinkHeld";
    /**
     * Exchange property set by the delivery gate when the recipient already has this message (a redelivery
     * after the broker or the hub was lost between the send and its commit): the record is not sent again.
     */
    public static final String ALREADY_DELIVERED = "forcelinkAlreadyDelivered";
    /** Exchange property: the record rendered in the recipient's format. */
    public static final String RENDERED = "forcelinkRendered";
    /** Exchange property: what the recipient answered (a RecipientAnswer). */
    public static final String ANSWER = "forcelinkAnswer";
    /** Exchange property: ACK or NACK when the recipient answers with one, for routes to branch on. */
    public static final String ACKNOWLEDGEMENT = "forcelinkAcknowledgement";

    private ForceLinkHeaders() {}
}
