package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A medication a detainee needs while in custody; it must follow them on transfer between forces. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Medication(
        String name,
        String dose,
        String route,
        String schedule,
        List<String> dueTimes,
        LastGiven lastGiven,
        String withheldReason,
        Boolean ownSupplyHeld) {

    /** The most recent dose given in custody and who gave it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastGiven(Instant at, String byOfficer) {
    }
}
