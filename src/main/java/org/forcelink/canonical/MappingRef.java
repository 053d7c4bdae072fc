package org.forcelink.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Names the mapping (id and version) that produced a canonical record, for lineage and replay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MappingRef(String id, String version) {
}
