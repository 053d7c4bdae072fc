package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An offence recorded on a crime, with its CJS offence code and Home Office classification. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Offence(
        String cjsOffenceCode,
        String description,
        String homeOfficeClassification,
        Boolean attempted) {
}
