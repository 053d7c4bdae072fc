package org.forcelink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A dropped file of canonical records is JSON Lines: each line a record, numbered as in the file. */
class CanonicalJsonSplitTest {

    private final SourceMapper mapper = GoldenCasesTest.mapperFor(CanonicalJsonMapper.FAMILY);

    @Test
    void cutsLinesKeepingTheirNumbersAndSkippingBlankOnes() {
        byte[] file = "{\"a\":1}\r\n\r\n{\"b\":2}\n   \n{\"c\":3}".getBytes(StandardCharsets.UTF_8);

        FileSplit split = mapper.split(file);

        assertThat(split.isRejected()).isFalse();
        assertThat(split.records()).extracting(SourceRecord::line).containsExactly(1, 3, 5);
        assertThat(split.records()).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void fileWithNoRecordIsRejectedAsAWhole() {
        assertThat(mapper.split(new byte[0]).rejection()).isEqualTo("the file holds no record");
        assertThat(mapper.split("\n \r\n".getBytes(StandardCharsets.UTF_8)).rejection())
                .isEqualTo("the file holds no record");
    }
}
