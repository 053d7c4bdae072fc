package org.forcelink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.File;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.forcelink.canonical.CanonicalJson;

/**
 * The packaged hub in its own JVM on loopback, with a temporary home whose only recipients are three
 * file recipients (pnd, custody-health, essex-custody with their own outbound formats and routes, filters
 * and required fields removed so every custody record goes to all three), and Kent's rate limit lifted.
 * For the crime file scenario ({@code crime}) the three take crime records too: crime is added to their
 * allowed fields, and custody-health, whose JSON format is for custody records only (its schema requires a
 * custody number), receives canonical JSON as essex-custody does (a transfer to essex/custody).
 * Watches its CPU, context switches, heap (actuator) and RSS (/proc) while it runs; with {@code jfrFile}
 * set, the hub JVM records a flight recording (settings {@code profile}) into that file. Its tracking store
 * is the default run's H2 file, or with {@code bench.database=postgres} a schema of its own on PostgreSQL.
 */
final class HubUnderTest implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong peakHeapBytes = new AtomicLong();
    private Process process;
    private Thread sampler;
    private double startSeconds;
    /** The PostgreSQL schema of this hub's tracking store, with {@code bench.database=postgres}; else null. */
    private String schema;

    private HubUnderTest(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Prepares the home under {@code runDir}, starts the hub and waits (at most {@code startLimit}) until it is healthy. */
    static HubUnderTest start(HubLaunch launch, Path runDir, Duration startLimit) throws Exception {
        return start(launch, runDir, startLimit, false, null);
    }

    /**
     * As {@link #start(HubLaunch, Path, Duration)}; {@code crime}: the three recipients take crime records too;
     * {@code jfrFile}: where the hub's flight recording goes (null: none).
     */
    static HubUnderTest start(HubLaunch launch, Path runDir, Duration startLimit, boolean crime, Path jfrFile)
            throws Exception {
        HubUnderTest hub = new HubUnderTest(runDir.resolve("data"), freePort());
        List<String> command = hub.command(launch, runDir, crime, jfrFile);
        long started = System.nanoTime();
        hub.process = hub.launch(command, runDir);
        // Polled every 100 ms, so start-up is measured to a tenth of a second; a hub that dies stops the wait.
        boolean healthy;
        try {
            Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).atMost(startLimit)
                    .until(() -> hub.healthy() || !hub.process.isAlive());
            healthy = hub.process.isAlive();
        } catch (ConditionTimeoutException e) {
            healthy = false;
        }
        if (!healthy) {
            hub.close();
            throw new IllegalStateException("hub did not become healthy; see " + runDir.resolve("hub.out"));
        }
        hub.startSeconds = (System.nanoTime() - started) / 1e9;
        hub.sampler = new Thread(hub::sampleHeap, "heap-sampler");
        hub.sampler.setDaemon(true);
        hub.sampler.start();
        return hub;
    }

    /**
     * Starts the hub as {@link #start(HubLaunch, Path, Duration)} does, with a launch that ends the JVM by
     * itself (a training start), and waits at most {@code limit} for it to exit cleanly.
     */
    static void runToExit(HubLaunch launch, Path runDir, Duration limit) throws Exception {
        HubUnderTest hub = new HubUnderTest(runDir.resolve("data"), freePort());
        hub.process = hub.launch(hub.command(launch, runDir, false, null), runDir);
        try {
            if (!hub.process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the hub did not exit within " + limit + "; see " + runDir.resolve("hub.out"));
            }
            if (hub.process.exitValue() != 0) {
                throw new IllegalStateException("the hub exited with " + hub.process.exitValue() + "; see "
                        + runDir.resolve("hub.out"));
            }
        } finally {
            hub.close();
        }
        discard(hub.dataDir);
    }

    private List<String> command(HubLaunch launch, Path runDir, boolean crime, Path jfrFile) throws Exception {
        Path home = runDir.resolve("home");
        for (String folder : List.of("routes", "mappings", "config")) {
            copyTree(Path.of(folder).toAbsolutePath(), home.resolve(folder));
        }
        useFileRecipients(home, crime);
        liftRateLimit(home, "kent");
        List<String> command = new ArrayList<>(List.of(HubLaunch.java(), "-Xmx512m"));
        if (jfrFile != null) {
            command.add("-XX:StartFlightRecording=name=bench,settings=profile,dumponexit=true,filename=" + jfrFile);
        }
        command.addAll(launch.arguments());
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--forcelink.home=" + home, "--forcelink.data-dir=" + dataDir,
                "--forcelink.broker.acceptor-url=tcp://127.0.0.1:" + freePort(),
                "--logging.file.name=" + runDir.resolve("hub.log")));
        if ("postgres".equals(System.getProperty("bench.database", "h2"))) {
            // The production set-up's database instead of the default run's H2 file: a schema of its own.
            schema = BenchDatabase.createSchema();
            command.addAll(BenchDatabase.hubArguments(schema));
        }
        // Extra hub settings for one experiment, e.g. -Dbench.hub.args="--forcelink.tracking.batch-size=5000".
        String extra = System.getProperty("bench.hub.args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        return command;
    }

    private Process launch(List<String> command, Path runDir) throws IOException {
        Path home = runDir.resolve("home");
        return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("hub.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    double startSeconds() {
        return startSeconds;
    }

    long pid() {
        return process.pid();
    }

    Path dataDir() {
        return dataDir;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long peakHeapBytes() {
        return peakHeapBytes.get();
    }

    ProcStats stats() {
        return ProcStats.of(process.pid());
    }

    /**
     * When each message id reached each recipient's feed: the last-modified time (epoch ms) of
     * {@code feeds/<recipient>/<messageId>.<ext>}, the file the hub renames into place on delivery.
     */
    Map<String, Map<String, Long>> deliveries() throws IOException {
        Map<String, Map<String, Long>> all = new HashMap<>();
        for (String recipient : NullPipeline.RECIPIENTS) {
            Map<String, Long> times = new HashMap<>();
            Path folder = dataDir.resolve("feeds").resolve(recipient);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        String name = file.getFileName().toString();
                        if (!name.startsWith(".")) {
                            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                            times.put(name.substring(0, name.indexOf('.')),
                                    attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS));
                        }
                    }
                }
            }
            all.put(recipient, times);
        }
        return all;
    }

    /** Files delivered so far to the recipient that has the fewest. */
    long leastDelivered() throws IOException {
        long least = Long.MAX_VALUE;
        for (String recipient : NullPipeline.RECIPIENTS) {
            Path folder = dataDir.resolve("feeds").resolve(recipient);
            long count = 0;
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    count = files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
                }
            }
            least = Math.min(least, count);
        }
        return least;
    }

    private boolean healthy() {
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

    /** Heap in use, from the actuator, once a second: its peak is what the report gives. */
    private void sampleHeap() {
        // The metrics endpoint needs an operator: the development account of config/operators.yaml.
        HttpRequest request = HttpRequest.newBuilder(uri("/actuator/metrics/jvm.memory.used?tag=area:heap"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "operator:operator-dev".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode value = CanonicalJson.mapper().readTree(response.body()).path("measurements").path(0).path("value");
                    peakHeapBytes.accumulateAndGet(value.asLong(), Math::max);
                }
                Thread.sleep(1000);
            } catch (IOException e) {
                // a missed sample; the next one comes in a second
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the hub by its process id: SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        if (sampler != null) {
            sampler.interrupt();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (schema != null && !Boolean.getBoolean("bench.keep")) {
            BenchDatabase.dropSchema(schema);
        }
    }

    private static void useFileRecipients(Path home, boolean crime) throws IOException {
        Path file = home.resolve("config/subscriptions.yaml");
        ObjectNode subscriptions = (ObjectNode) YAML.readTree(file.toFile());
        ObjectNode recipients = (ObjectNode) subscriptions.get("recipients");
        for (String id : (Iterable<String>) () -> recipients.deepCopy().fieldNames()) {
            if (!NullPipeline.RECIPIENTS.contains(id)) {
                recipients.remove(id);
                Files.deleteIfExists(home.resolve("routes/" + id + "-out.camel.yaml"));
            }
        }
        for (String id : NullPipeline.RECIPIENTS) {
            ObjectNode recipient = (ObjectNode) recipients.get(id);
            recipient.remove("filter");
            recipient.remove("required");
            ArrayNode types = recipient.putArray("recordTypes");
            types.add("custody");
            types.add("crime");
            recipient.putObject("transport").put("type", "file");
            if (crime && !"pnd".equals(id)) {
                ((ArrayNode) recipient.get("allowedFields")).add("/crime");
                if (!recipient.has("transfer")) {
                    recipient.remove("mapping");
                    recipient.putObject("transfer").put("force", "essex").put("system", "custody");
                }
            }
        }
        YAML.writeValue(file.toFile(), subscriptions);
    }

    private static void liftRateLimit(Path home, String force) throws IOException {
        Path file = home.resolve("config/forces/" + force + ".yaml");
        ObjectNode config = (ObjectNode) YAML.readTree(file.toFile());
        ObjectNode limit = config.putObject("rateLimit");
        limit.put("requestsPerSecond", 1_000_000);
        limit.put("burst", 1_000_000);
        YAML.writeValue(file.toFile(), config);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a run's broker journal, database and feeds once its figures are taken, unless
     * {@code bench.keep} is set: a 100,000-record file leaves about 11 GB, and a broker refuses messages
     * once its disk is 90% full.
     */
    static void discard(Path folder) {
        if (Boolean.getBoolean("bench.keep") || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.out.println("  could not delete " + folder + ": " + e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
