package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** One detention under PACE 1984 and Code C, from arrest to release or transfer (custody.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Custody(
        String custodyNumber,
        String custodySuite,
        Person detainee,
        Arrest arrest,
        Instant arrivalAt,
        DetentionAuthorised detentionAuthorised,
        PaceClock paceClock,
        Rights rights,
        RiskAssessment riskAssessment,
        Healthcare healthcare,
        List<Medication> medications,
        Transfer transfer,
        Instant releasedAt,
        String disposal) {

    /** The arrest that led to the detention. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arrest(
            Instant at,
            String byOfficer,
            String location,
            String reason,
            List<ArrestOffence> offences) {
    }

    /** An offence of arrest; only code and wording are known at this point, classification comes with the crime. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArrestOffence(String cjsOffenceCode, String description) {
    }

    /** The custody officer's authorisation of detention. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DetentionAuthorised(Instant at, String byOfficer, String grounds) {
    }

    /** The PACE clock: relevant time, reviews done, next review due, limit and extensions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaceClock(
            Instant relevantTime,
            List<Review> reviews,
            Instant nextReviewDue,
            Instant detentionLimit,
            List<Extension> extensions) {
    }

    /** One review of detention under PACE s.40. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(Instant at, String byOfficer, String outcome) {
    }

    /** One extension of the detention limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Extension(Instant at, String authorisedBy, ExtensionAuthority authority, Instant until) {
    }

    /** Who may extend detention: a superintendent to 36 hours, magistrates to 96. */
    public enum ExtensionAuthority {
        @JsonProperty("superintendent") SUPERINTENDENT,
        @JsonProperty("magistrates") MAGISTRATES
    }

    /** Rights given and the help the detainee asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rights(
            Instant givenAt,
            Boolean solicitorRequested,
            Solicitor solicitor,
            AppropriateAdult appropriateAdult,
            Interpreter interpreter) {
    }

    /** The legal adviser and when they were asked for and arrived. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Solicitor(String name, String firm, Instant requestedAt, Instant arrivedAt) {
    }

    /** The appropriate adult for a juvenile or vulnerable detainee. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppropriateAdult(String name, String relationship, Instant arrivedAt) {
    }

    /** The interpreter and when they arrived. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interpreter(String language, Instant arrivedAt) {
    }

    /** The custody risk assessment and the observation regime it set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskAssessment(
            Instant at,
            String byOfficer,
            RiskLevel outcome,
            Integer observationLevel,
            Integer rousalIntervalMinutes,
            String notes) {
    }

    /** Overall assessed risk. */
    public enum RiskLevel {
        @JsonProperty("low") LOW,
        @JsonProperty("medium") MEDIUM,
        @JsonProperty("high") HIGH
    }

    /** The healthcare professional's assessment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Healthcare(Instant seenAt, String seenBy, Boolean fitToDetain, Boolean fitToInterview) {
    }

    /** Transfer of the detainee to another force. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transfer(String toForce, Instant at, String reason) {
    }
}
