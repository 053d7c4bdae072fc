package org.forcelink.mapping;

/** One record cut from a file of many, with the line it starts on (1-based), for acknowledgements. */
public record SourceRecord(int line, byte[] payload) {}
