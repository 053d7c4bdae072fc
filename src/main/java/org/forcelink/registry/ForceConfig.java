package org.forcelink.registry;

import java.util.List;
import java.util.Map;

/**
 * One connected force as declared in {@code config/forces/<force>.yaml}: its source systems, the
 * credentials that may submit for it and its rate limit.
 */
public record ForceConfig(
        String force, RateLimit rateLimit, Map<String, SourceSystem> systems, List<CredentialConfig> credentials) {

    /** Requests per second a force may send over HTTP, and the burst it may save up. */
    public record RateLimit(int requestsPerSecond, int burst) {
        public static final RateLimit DEFAULT = new RateLimit(50, 100);
    }

    /**
     * A credential of the force. The token itself is never in config: {@code tokenEnv} names the
     * environment variable holding it, or {@code tokenSha256} holds its hash; {@code devToken} is used
     * only in development mode when the variable is unset. {@code systems} lists the system ids the
     * credential may submit to ("*" for all).
     */
    public record CredentialConfig(
            String id, String tokenEnv, String tokenSha256, String devToken, List<String> systems) {}
}
