package org.forcelink.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.forcelink.canonical.RecordException;

/**
 * The answer to a subject search: the records each force returned that the purpose may see, each tagged
 * with its force, system and age; which force systems answered; and which are missing, with why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchAnswer(
        String searchId, String purpose, SubjectQuery subject, Instant searchedAt, Instant answeredAt,
        long deadlineMs, long elapsedMs, int asked, List<Result> results, List<Answered> answered,
        List<Missing> missing) {

    /**
     * One disclosed record: where it comes from, how old its source's data was, and the record with only
     * the fields the purpose allows (and only the exceptions about those fields).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            String force, String system, String recordType, String sourceRecordId, Instant asOf, long ageSeconds,
            JsonNode record, List<RecordException> exceptions) {}

    /**
     * A force system that answered: how many records it returned and how many of them were disclosed;
     * the others were withheld (the purpose may see none of their fields), older custody records of the
     * same system (only the latest is shown), or unreadable (their mapping rejected them).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answered(
            String force, String system, long elapsedMs, int returned, int disclosed, Integer withheld,
            Integer olderCustodyRecords, Integer unreadable) {}

    /** A force system missing from the answer, and why. */
    public record Missing(String force, String system, ForceOutcome.Reason reason, String detail) {}
}
