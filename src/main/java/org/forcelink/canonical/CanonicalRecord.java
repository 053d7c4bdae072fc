package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;
import java.util.stream.Stream;

/** A whole canonical record as it travels through the hub: the envelope and exactly one body (record.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalRecord(
        Envelope envelope,
        Person nominal,
        Custody custody,
        Crime crime,
        CaseFile caseFile,
        Intelligence intelligence) {

    /**
     * The one body this record carries.
     *
     * @throws IllegalStateException if there is no body or more than one; schema validation reports this first
     */
    @JsonIgnore
    public Object body() {
        Object[] bodies = Stream.of(nominal, custody, crime, caseFile, intelligence)
                .filter(Objects::nonNull)
                .toArray();
        if (bodies.length != 1) {
            throw new IllegalStateException("a canonical record carries exactly one body, found " + bodies.length);
        }
        return bodies[0];
    }
}
