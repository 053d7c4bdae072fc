package org.forcelink.mapping;

/**
 * Where one canonical field came from: the JSON pointer of the field, the source field(s) it was read
 * from, the rule (transform chain) that made it and the mapping (id and version) that holds the rule.
 */
public record Lineage(String field, String source, String rule, String mapping) {}
