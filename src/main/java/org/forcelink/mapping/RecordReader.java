package org.forcelink.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.forcelink.canonical.AsciiDigits;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;

/**
 * Reads a mapped tree into the record model, as {@code CanonicalJson.mapper().treeToValue(tree,
 * CanonicalRecord.class)} does, with the reader made once. Instants written as mappings write them
 * ({@code 2026-11-28T14:30:00Z}, optionally with a fraction of a second) are read directly; any other
 * text goes to the standard deserializer, so what is accepted, refused and produced is unchanged. Parsing
 * each instant through {@code DateTimeFormatter.ISO_INSTANT} was a tenth of the mapping engine's time.
 */
final class RecordReader {

    private static final ObjectReader READER = CanonicalJson.mapper().copy()
            .registerModule(new SimpleModule("forcelink-instants").setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                        JsonDeserializer<?> deserializer) {
                    return description.getBeanClass() == Instant.class ? new Instants(deserializer) : deserializer;
                }
            }))
            .readerFor(CanonicalRecord.class);

    private RecordReader() {}

    static ObjectReader reader() {
        return READER;
    }

    /** The standard instant deserializer, after a direct read of the one form mappings write. */
    static final class Instants extends DelegatingDeserializer {

        Instants(JsonDeserializer<?> standard) {
            super(standard);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> standard) {
            return new Instants(standard);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = utc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return _delegatee.deserialize(parser, context);
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with values in range, as an instant; null for any other text
     * (which the standard deserializer then reads or refuses as it always did).
     */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = AsciiDigits.value(text, 0, 4);
        int month = AsciiDigits.value(text, 5, 7);
        int day = AsciiDigits.value(text, 8, 10);
        int hour = AsciiDigits.value(text, 11, 13);
        int minute = AsciiDigits.value(text, 14, 16);
        int second = AsciiDigits.value(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = AsciiDigits.value(text, 20, length - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
