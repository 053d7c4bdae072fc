package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A prosecution case file from police to prosecutor and court: defendant, charges, first hearing (case-file.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseFile(
        String urn,
        String asn,
        String custodyNumber,
        Person defendant,
        List<Charge> charges,
        Hearing firstHearing,
        String officerInCase) {

    /** One charge as put to the defendant. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Charge(String cjsOffenceCode, String wording, Instant chargedAt, String homeOfficeClassification) {
    }

    /** A court hearing: the court's organisation unit code and the listed time. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hearing(String courtCode, Instant at) {
    }
}
