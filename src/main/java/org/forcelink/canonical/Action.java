package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the source system did to the record this message reports. */
public enum Action {
    @JsonProperty("insert") INSERT,
    @JsonProperty("update") UPDATE,
    @JsonProperty("delete") DELETE
}
