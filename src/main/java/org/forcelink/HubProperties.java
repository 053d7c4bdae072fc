package org.forcelink;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The hub's own settings under {@code forcelink.*}; see application.yaml for what each means. */
@ConfigurationProperties("forcelink")
public record HubProperties(
        String home, String dataDir, boolean devMode, Limits limits, Broker broker, Tracking tracking) {

    public record Limits(long maxRecordBytes, int maxIdempotencyKeyLength) {}

    public record Broker(
            boolean embedded, String acceptorUrl, String user, String password, int maxDeliveryAttempts) {}

    /**
     * The journey writer: rows per batch, how many bytes of payloads and delivered records it may hold in
     * memory before callers wait, and how long it waits for more rows before writing a batch that is not full.
     */
    public record Tracking(int batchSize, @DefaultValue("67108864") long maxBufferedBytes,
            @DefaultValue("100ms") Duration linger) {}

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
