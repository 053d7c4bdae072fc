package org.forcelink.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.forcelink.canonical.CanonicalJson;

/**
 * The packaged hub ({@code target/forcelink-*.jar}) in its own JVM, on a free loopback port, with a
 * given home (routes/, mappings/, config/) and data dir. It can be killed with SIGKILL and started
 * again on the same data dir and port. Its log goes to a file the tests can read.
 */
final class HubProcess implements AutoCloseable {

    /**
     * How the hub connects to an external broker: reconnect for ever (a broker restart is waited out),
     * and a call made while the broker is away fails after a few seconds, so that the HTTP source
     * answers 503 instead of holding the request.
     */
    static final String BROKER_CLIENT_PARAMETERS = "reconnectAttempts=-1&retryInterval=200"
            + "&retryIntervalMultiplier=1.5&maxRetryInterval=2000&callTimeout=15000&callFailoverTimeout=3000";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Path home;
    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final String scheme;
    private final HttpClient http;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Process process;
    private int starts;

    HubProcess(String name, Path home, Path dataDir, Path logDir, String scheme, HttpClient http) {
        this.name = name;
        this.home = home;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.port = Processes.freePort();
        this.scheme = scheme;
        this.http = http;
    }

    /** A hub over plain HTTP. */
    static HubProcess http(String name, Path home, Path dataDir, Path logDir) {
        return new HubProcess(name, home, dataDir, logDir, "http",
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** The packaged jar; fails loudly when the build did not make it. */
    static Path jar() {
        String configured = System.getProperty("forcelink.test.hub-jar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of("target", "forcelink-0.1.0-SNAPSHOT.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no hub jar at " + jar + "; the build packages it before integration tests");
        }
        return jar;
    }

    /** Sets a Spring property for every start ({@code --key=value}). */
    HubProcess with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Runs on the embedded broker, its core acceptor on a free loopback port; returns that port. */
    int useEmbeddedBroker() {
        int acceptorPort = Processes.freePort();
        with("forcelink.broker.embedded", "true");
        with("forcelink.broker.acceptor-url", "tcp://127.0.0.1:" + acceptorPort);
        return acceptorPort;
    }

    HubProcess useBroker(StandaloneBroker broker) {
        with("forcelink.broker.embedded", "false");
        with("spring.artemis.broker-url", broker.hubUrl());
        with("spring.artemis.user", StandaloneBroker.USER);
        with("spring.artemis.password", StandaloneBroker.PASSWORD);
        return this;
    }

    /** Starts the JVM and waits until {@code /actuator/health} answers UP. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("hub " + name + " already running as pid " + process.pid());
        }
        starts++;
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--forcelink.home=" + home, "--forcelink.data-dir=" + dataDir,
                "--logging.file.name=" + log()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        process = Processes.start(command, home, Map.of(), stdout());
        Process started = process;
        await("hub " + name + " healthy").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .failFast("hub " + name + " exited:\n" + Processes.tail(stdout(), 80), () -> !started.isAlive())
                .until(this::healthy);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    boolean healthy() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(CanonicalJson.mapper().readTree(response.body()).path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL by process id: no shutdown hook, no graceful stop of routes, broker or database. */
    void killHard() {
        Processes.killHard(process);
    }

    /** SIGTERM by process id: the hub shuts down as an operator would stop it, logging as it goes. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                killHard();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killHard();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    /** The log file of the current (or last) start. */
    Path log() {
        return logDir.resolve("hub-" + name + "-" + Math.max(starts, 1) + ".log");
    }

    /** What the JVM printed to standard output and error in the current (or last) start. */
    Path stdout() {
        return logDir.resolve("hub-" + name + "-" + Math.max(starts, 1) + ".out");
    }

    /** Every log file and console capture of every start of this hub. */
    List<Path> allLogs() {
        List<Path> logs = new ArrayList<>();
        for (int n = 1; n <= starts; n++) {
            logs.add(logDir.resolve("hub-" + name + "-" + n + ".log"));
            logs.add(logDir.resolve("hub-" + name + "-" + n + ".out"));
        }
        return logs;
    }

    @Override
    public void close() {
        killHard();
    }
}
