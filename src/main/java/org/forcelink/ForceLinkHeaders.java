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
    /** Artemis message group: records about one subject are consumed in order by one consumer. */
    public static final String GROUP_ID = "JMSXGroupID";
    /** Artemis duplicate detection id: a re-send with the same id is dropped by the broker. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private ForceLinkHeaders() {}
}
