package org.forcelink.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPropertiesTest {

    @Test
    void payloadPeriodsArePerRecordTypeWithADefaultForTheRestAndForQuarantine() {
        RetentionProperties retention = new RetentionProperties(true, "0 30 2 * * *", Map.of("default",
                Duration.ofDays(30), "caseFile", Duration.ofDays(365)), Duration.ofDays(2190), Duration.ofDays(7));

        assertThat(retention.payloadsOf("caseFile")).isEqualTo(Duration.ofDays(365));
        assertThat(retention.payloadsOf("casefile")).isEqualTo(Duration.ofDays(365));
        assertThat(retention.payloadsOf("custody")).isEqualTo(Duration.ofDays(30));
        assertThat(retention.payloadsOf(null)).isEqualTo(Duration.ofDays(30));
        assertThat(new RetentionProperties(true, "", null, Duration.ofDays(1), Duration.ofDays(7)).payloadsOf("crime"))
                .isEqualTo(Duration.ofDays(90));
    }

    @Test
    void idempotencyKeysAreKeptAtLeastSevenDays() {
        assertThatThrownBy(() -> new RetentionProperties(true, "", Map.of(), Duration.ofDays(2190), Duration.ofDays(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forcelink.retention.idempotency must be at least 7 days, not PT144H");
    }
}
