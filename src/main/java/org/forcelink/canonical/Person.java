package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.util.List;

/** A person as the canonical model carries them: a nominal, detainee, suspect, victim, defendant or subject (person.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Person(
        String pncId,
        String localPersonId,
        String surname,
        List<String> forenames,
        LocalDate dateOfBirth,
        String sex,
        Ethnicity ethnicity,
        String nationality,
        List<Address> addresses,
        List<WarningMarker> warningMarkers) {

    /** Officer-defined (IC) and self-defined (census) ethnicity codes; both are kept because they answer different questions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ethnicity(String officerDefined, String selfDefined) {
    }

    /** One postal address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String line1, String line2, String town, String postcode) {
    }

    /** A warning marker officers must see, such as violent or self-harm. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WarningMarker(String code, String description) {
    }
}
