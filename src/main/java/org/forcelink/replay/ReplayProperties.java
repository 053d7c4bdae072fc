package org.forcelink.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Replay settings under {@code forcelink.replay}: a replay sending more records than
 * {@code approvalThreshold} needs a second operator's approval; {@code defaultLimit} and {@code maxLimit}
 * bound how many records one job takes.
 */
@ConfigurationProperties("forcelink.replay")
public record ReplayProperties(@DefaultValue("100") int approvalThreshold, @DefaultValue("1000") int defaultLimit,
        @DefaultValue("10000") int maxLimit) {}
