package org.forcelink.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forcelink.tracking.TrackingHubSupport;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub for the console tests, with its own data dir and in-VM broker, the PND outage switch,
 * alert rules evaluated every 200 ms so a raise and a clear are seen within a test, and the Prometheus
 * endpoint (which tests otherwise leave out).
 */
@AutoConfigureObservability(tracing = false)
public abstract class ConsoleHub extends TrackingHubSupport {

    private static final Path HOME = org.forcelink.tracking.TrackingHome.create();
    private static final Path DATA = tempDir("forcelink-it-console-");

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        registry.add("forcelink.data-dir", DATA::toString);
        registry.add("forcelink.home", HOME::toString);
        registry.add("spring.artemis.broker-url", () -> "vm://21");
        registry.add("forcelink.broker.acceptor-url", () -> "tcp://127.0.0.1:" + freeLocalPort());
        registry.add("forcelink.alerts.interval", () -> "PT0.2S");
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static int freeLocalPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
