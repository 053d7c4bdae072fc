package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.forcelink.canonical.CanonicalRecord;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    @Test
    void readsInstantsAsTheStandardReaderDoes() throws Exception {
        List<String> texts = List.of("2026-11-28T14:30:00Z", "2026-11-28T14:30:00.5Z", "2026-11-28T14:30:00.123456789Z",
                "2024-02-29T23:59:59Z", "2026-02-29T10:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T23:59:60Z",
                "2026-11-28T14:30:00+01:00", "2026-11-28T14:30Z", "2026-11-28 14:30:00Z", "+12026-11-28T14:30:00Z",
                "2026-11-28T14:30:00.Z", "2026-11-28T14:30:00.1234567891Z", "2026-13-28T14:30:00Z", "1", "");
        for (String text : texts) {
            ObjectNode tree = (ObjectNode) CanonicalJson.mapper().readTree(
                    "{\"envelope\":{\"recordType\":\"crime\",\"receivedAt\":\"" + text + "\"},\"crime\":{}}");
            Object standard = outcome(() -> CanonicalJson.mapper().treeToValue(tree, CanonicalRecord.class)
                    .envelope().receivedAt());
            Object fast = outcome(() -> RecordReader.reader().<CanonicalRecord>readValue(tree).envelope().receivedAt());
            assertThat(fast).as(text).isEqualTo(standard);
        }
    }

    @Test
    void readsTheFormMappingsWriteDirectly() {
        assertThat(RecordReader.utc("2026-11-28T14:30:00Z")).isEqualTo(Instant.parse("2026-11-28T14:30:00Z"));
        assertThat(RecordReader.utc("2026-11-28T14:30:00.120Z")).isEqualTo(Instant.parse("2026-11-28T14:30:00.120Z"));
        assertThat(RecordReader.utc("2026-11-28T14:30:00+00:00")).isNull();
    }

    private interface Read {
        Instant read() throws Exception;
    }

    /** The instant read, or the kind of failure. */
    private static Object outcome(Read read) {
        Throwable failure = catchThrowable(() -> read.read());
        if (failure != null) {
            return failure.getClass();
        }
        try {
            return read.read();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
