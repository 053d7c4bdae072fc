package org.forcelink.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The whole hub for the tracking scenarios, with the PND outage switch installed. Subclasses choose the
 * database ({@link H2Hub}, {@link PostgresHub}) and give the hub a data dir of its own, so its broker
 * journal and feeds are its own; every scenario class on the same database shares one running hub.
 * It does not extend {@link org.forcelink.HubTestSupport}: that hub's data dir is one per JVM, and a
 * second hub there would wait forever for the first one's broker journal lock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TrackingHubSupport.OutageConfiguration.class)
public abstract class TrackingHubSupport implements Hub {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationContext context;

    @TestConfiguration(proxyBeanMethods = false)
    static class OutageConfiguration {
        @Bean
        PndOutage pndOutage() {
            return new PndOutage();
        }
    }

    @Override
    public HttpResponse<String> request(String method, String path, String authorization, String contentType,
            byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public Path dataDir() {
        return Path.of(context.getEnvironment().getRequiredProperty("forcelink.data-dir"));
    }

    @Override
    public PndOutage pndOutage() {
        return context.getBean(PndOutage.class);
    }

    static int freePort() {
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
