package org.forcelink;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The hub's own settings under {@code forcelink.*}; see application.yaml for what each means. */
@ConfigurationProperties("forcelink")
public record HubProperties(
        String home, String dataDir, boolean devMode, Limits limits, Broker broker, Tracking tracking) {

    public record Limits(long maxRecordBytes, int maxIdempotencyKeyLength) {}

    public record Broker(
            boolean embedded, String acceptorUrl, String user, String password, int maxDeliveryAttempts) {}

    public record Tracking(int batchSize) {}

    /** The folder holding routes/, mappings/ and config/ (kept as text so "." means the working directory). */
    public Path homeDir() {
        return Path.of(home).toAbsolutePath().normalize();
    }

    public Path configDir() {
        return homeDir().resolve("config");
    }

    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }
}
