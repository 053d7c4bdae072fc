package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;

/** Which body a canonical record carries; the JSON value is also the name of the body property. */
public enum RecordType {
    @JsonProperty("nominal") NOMINAL("nominal"),
    @JsonProperty("custody") CUSTODY("custody"),
    @JsonProperty("crime") CRIME("crime"),
    @JsonProperty("caseFile") CASE_FILE("caseFile"),
    @JsonProperty("intelligence") INTELLIGENCE("intelligence");

    private final String jsonName;

    RecordType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The JSON value, which is also the name of the body property in a canonical record. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<RecordType> fromJson(String value) {
        return Arrays.stream(values()).filter(type -> type.jsonName.equals(value)).findFirst();
    }
}
