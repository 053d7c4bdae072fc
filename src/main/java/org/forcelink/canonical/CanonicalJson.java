package org.forcelink.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/** The one way canonical records are read and written, so that every hop sees the same bytes. */
public final class CanonicalJson {

    /** Deepest nesting a submitted JSON record may have (ARCHITECTURE 3.3). */
    public static final int MAX_DEPTH = 64;
    /** Longest string value a submitted JSON record may hold. */
    public static final int MAX_STRING_LENGTH = 1024 * 1024;
    /** Most digits a number in a submitted JSON record may have. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Registered after JavaTimeModule, so it writes instants: the same text, without a formatter.
            .addModule(new SimpleModule("instant-text").addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                @Override
                public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    generator.writeString(InstantText.of(value));
                }
            }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    /** Strict reader for untrusted input: limits from ARCHITECTURE 3.3 and duplicate keys refused. */
    private static final ObjectMapper UNTRUSTED = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {}

    /** Reads and writes canonical records and other hub JSON (instants as ISO-8601, nulls omitted). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON from outside the hub, enforcing size, depth and duplicate-key limits. */
    public static ObjectMapper untrusted() {
        return UNTRUSTED;
    }
}
