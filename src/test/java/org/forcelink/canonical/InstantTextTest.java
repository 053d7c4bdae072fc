package org.forcelink.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void writesWhatInstantToStringWrites() {
        Random random = new Random(20261129L);
        long first = Instant.parse("-0003-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("+10003-01-01T00:00:00Z").getEpochSecond();
        int[] nanos = {0, 1, 999_999_999, 1_000_000, 120_000_000, 1_000, 123_456_000, 123_456_789, 500_000_000};
        for (int n = 0; n < 200_000; n++) {
            long seconds = n % 4 == 0 ? first + (long) (random.nextDouble() * (last - first))
                    : 1_700_000_000L + random.nextInt(400_000_000);
            Instant instant = Instant.ofEpochSecond(seconds, n % 3 == 0 ? random.nextInt(1_000_000_000)
                    : nanos[random.nextInt(nanos.length)]);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
        for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.5Z", "2024-02-29T12:00:00Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z")) {
            Instant instant = Instant.parse(edge);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
        assertThat(InstantText.of(Instant.parse("2026-11-28T14:30:00Z"))).isEqualTo("2026-11-28T14:30:00Z");
        assertThat(InstantText.of(Instant.parse("2026-11-28T14:30:00.120Z"))).isEqualTo("2026-11-28T14:30:00.120Z");
    }

    @Test
    void canonicalJsonWritesInstantsThatWay() throws Exception {
        record Stamp(Instant at) {}
        assertThat(CanonicalJson.mapper().writeValueAsString(new Stamp(Instant.parse("2026-11-28T14:30:00.000123Z"))))
                .isEqualTo("{\"at\":\"2026-11-28T14:30:00.000123Z\"}");
        assertThat(CanonicalJson.mapper().readValue("{\"at\":\"2026-11-28T14:30:00Z\"}", Stamp.class).at())
                .isEqualTo(Instant.parse("2026-11-28T14:30:00Z"));
    }
}
