package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** One crime report: when and where, the offences, suspects and victims (crime.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Crime(
        String crimeReference,
        Instant recordedAt,
        Instant occurredFrom,
        Instant occurredTo,
        Location location,
        List<Offence> offences,
        List<Person> suspects,
        List<Person> victims,
        String status,
        String officerInCase) {

    /** Where the offence happened. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(String description, String postcode) {
    }
}
