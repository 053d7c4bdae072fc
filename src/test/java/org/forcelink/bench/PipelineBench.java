package org.forcelink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.forcelink.canonical.CanonicalJson;

/**
 * The pipeline benchmark of docs/benchmarks.md, run by {@code mvn -Pbench -DskipTests verify}: per run,
 * the null pipeline (the broker alone, {@link NullPipeline}) and the packaged hub ({@link HubUnderTest})
 * taking single custody records over HTTP from 32 concurrent clients, at a fixed offered rate and at
 * saturation; prints records/s, latency from acceptance to the last of three deliveries, HTTP
 * acknowledgement latency, CPU ms and context switches per record, peak heap and RSS, start-up time and
 * the ratio to the null pipeline, then the medians and ranges over the runs. Every hub starts as
 * {@link HubLaunch} prepares it once per harness run. Every loop is bounded in count and time; everything
 * started is stopped by process id.
 */
public final class PipelineBench {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int SATURATION_RECORDS = Integer.getInteger("bench.saturation.records", 5000);
    private static final int SATURATION_SECONDS = Integer.getInteger("bench.saturation.seconds", 40);
    private static final int FIXED_RATE = Integer.getInteger("bench.fixed.rate", 300);
    private static final int FIXED_SECONDS = Integer.getInteger("bench.fixed.seconds", 10);
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drain.seconds", 60);
    private static final int WARMUP_RECORDS = Integer.getInteger("bench.warmup.records", 2000);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup.seconds", 15);
    private static final Duration TOTAL_LIMIT = Duration.ofMinutes(Integer.getInteger("bench.limit.minutes", 15));
    private static final Duration HTTP_RUN = Duration.ofMinutes(4);
    /** Which scenarios run: {@code file} (the crime CSV file, once) and {@code http} (the runs above). */
    private static final List<String> SCENARIOS = List.of(System.getProperty("bench.scenarios", "file,http").split(","));
    private static final int FILE_RECORDS = Integer.getInteger("bench.file.records", 100_000);
    /** Bound of the file scenario, from the drop to the last delivery. */
    private static final int FILE_SECONDS = Integer.getInteger("bench.file.seconds", 480);
    /** Bound of the file scenario's null pipeline, sending and delivering. */
    private static final int FILE_NULL_SECONDS = Integer.getInteger("bench.file.null.seconds", 60);
    /** Records the hub puts on the ingest queue per broker transaction for a file (IngestService.BATCH_SIZE). */
    private static final int FILE_BATCH = 500;
    /** Record the hub's flight recording (settings profile) during the file scenario into its run folder. */
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");

    /** One scenario's figures; NaN where a figure does not apply. */
    record Figures(String scenario, int records, double recordsPerSecond, double p50, double p95, double p99,
            double ackP50, double ackP99, double cpuMsPerRecord, double switchesPerRecord, double offered) {}

    private PipelineBench() {}

    public static void main(String[] args) throws Exception {
        // The broker of the null pipeline logs as the hub's does (application.yaml): warnings only, no audit log.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Instant begin = Instant.now();
        Path jar = Path.of(System.getProperty("forcelink.bench.hub-jar", "target/forcelink-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no hub jar at " + jar + "; run mvn -Pbench -DskipTests verify");
        }
        Path work = Path.of("target", "bench", "run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(work);
        System.out.println("pipeline benchmark: " + RUNS + " run(s), " + CLIENTS + " clients, work dir " + work);
        System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        HubLaunch launch = HubLaunch.prepare(jar, work.resolve("launch"));
        System.out.printf("hub launch: %s%s%n", launch.description(), Double.isNaN(launch.trainingSeconds()) ? ""
                : String.format(" (training start %.1f s)", launch.trainingSeconds()));
        boolean fileRan = false;
        if (SCENARIOS.contains("file")) {
            FileScenario.run(launch, work.resolve("file"), FILE_RECORDS, FILE_BATCH, FILE_SECONDS, FILE_NULL_SECONDS, JFR);
            fileRan = true;
        }
        List<Map<String, Figures>> runs = new ArrayList<>();
        List<double[]> hubFacts = new ArrayList<>();
        for (int run = 1; run <= RUNS && SCENARIOS.contains("http"); run++) {
            // An HTTP run (null pipeline, a fresh hub, warm-up, both scenarios, drains) takes about 4 minutes.
            if (Duration.between(begin, Instant.now()).compareTo(TOTAL_LIMIT.minus(HTTP_RUN)) > 0
                    && (run > 1 || fileRan)) {
                System.out.println("stopping after " + (run - 1) + " run(s): the time bound would be exceeded");
                break;
            }
            Path runDir = work.resolve("run-" + run);
            Map<String, Figures> figures = new LinkedHashMap<>();
            NullPipeline.Result nul = NullPipeline.run(runDir.resolve("null"), bodies("NULL" + run, SATURATION_RECORDS),
                    CLIENTS, SATURATION_SECONDS);
            Percentiles nullLatency = new Percentiles(nul.latenciesMs());
            Percentiles nullSend = new Percentiles(nul.sendMs());
            figures.put("null", new Figures("null pipeline, saturation", nul.records(), nul.recordsPerSecond(),
                    nullLatency.at(50), nullLatency.at(95), nullLatency.at(99), nullSend.at(50), nullSend.at(99),
                    (double) nul.cpuMillis() / nul.records(), (double) nul.contextSwitches() / nul.records(), Double.NaN));
            try (HubUnderTest hub = HubUnderTest.start(launch, runDir.resolve("hub"), Duration.ofSeconds(180), false,
                    JFR ? runDir.resolve("hub").resolve("hub.jfr") : null)) {
                // Unmeasured: lets the JIT compile the hub's paths first (a freshly started hub spent a sixth
                // of its CPU compiling during the first measured scenario).
                Figures warm = http(hub, "warm-up", bodies("WARM" + run, WARMUP_RECORDS), 0, WARMUP_SECONDS);
                System.out.printf("  warm-up (not counted): %d records delivered, %.0f records/s%n", warm.records(),
                        warm.recordsPerSecond());
                Files.writeString(runDir.resolve("hub").resolve("window.txt"), "measured from " + Instant.now() + "\n");
                figures.put("fixed", http(hub, "ForceLink HTTP, " + FIXED_RATE + "/s offered",
                        bodies("FIX" + run, FIXED_RATE * FIXED_SECONDS), FIXED_RATE, FIXED_SECONDS + 5));
                figures.put("saturation", http(hub, "ForceLink HTTP, saturation",
                        bodies("SAT" + run, SATURATION_RECORDS), 0, SATURATION_SECONDS));
                ProcStats end = hub.stats();
                hubFacts.add(new double[] {hub.startSeconds(), hub.peakHeapBytes() / 1048576.0, end.peakRssKb() / 1024.0});
            }
            runs.add(figures);
            HubUnderTest.discard(runDir.resolve("null"));
            HubUnderTest.discard(runDir.resolve("hub").resolve("data"));
            System.out.println();
            System.out.println("run " + run + " (load average " + Files.readString(Path.of("/proc/loadavg")).trim() + ")");
            figures.values().forEach(f -> System.out.println("  " + line(f)));
            double[] facts = hubFacts.get(hubFacts.size() - 1);
            System.out.printf("  hub: start-up to ready %.1f s, peak heap %.0f MB, peak RSS %.0f MB%n", facts[0], facts[1], facts[2]);
            System.out.printf("  ratio ForceLink / null pipeline (records/s at saturation): %.2f%n",
                    figures.get("saturation").recordsPerSecond() / figures.get("null").recordsPerSecond());
        }
        summary(runs, hubFacts);
        System.out.println("load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim()
                + "; total " + Duration.between(begin, Instant.now()).toSeconds() + " s");
    }

    /**
     * Sends the bodies from {@link #CLIENTS} threads, paced to {@code rate} records/s in total (0: as fast
     * as the answers come), for at most {@code limitSeconds}; then waits (bounded) until every accepted
     * record is in all three feeds.
     */
    private static Figures http(HubUnderTest hub, String scenario, List<String> bodies, int rate, int limitSeconds)
            throws Exception {
        Map<String, Long> receivedAtMicros = new ConcurrentHashMap<>();
        double[] ackMs = new double[bodies.size()];
        Arrays.fill(ackMs, Double.NaN);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Map<String, Long> before = new LinkedHashMap<>();
        hub.deliveries().forEach((recipient, times) -> before.put(recipient, (long) times.size()));
        ProcStats start = hub.stats();
        long startNanos = System.nanoTime();
        long startMicros = System.currentTimeMillis() * 1000;
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(limitSeconds);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(new Thread(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    if (rate > 0) {
                        long due = startNanos + (long) (i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/records/custody"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer dev-token-kent")
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = hub.http().send(request, HttpResponse.BodyHandlers.ofString());
                        ackMs[i] = (System.nanoTime() - sent) / 1e6;
                        if (response.statusCode() == 202) {
                            JsonNode ack = CanonicalJson.mapper().readTree(response.body());
                            receivedAtMicros.put(ack.get("messageId").asText(),
                                    Instant.parse(ack.get("receivedAt").asText()).toEpochMilli() * 1000);
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                }
            }, "client-" + c));
        }
        clients.forEach(Thread::start);
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(limitSeconds + 35));
        }
        double sendSeconds = (System.nanoTime() - startNanos) / 1e9;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        long expected = receivedAtMicros.size();
        long minBefore = before.values().stream().mapToLong(Long::longValue).min().orElse(0);
        while (hub.leastDelivered() - minBefore < expected && System.nanoTime() < drainDeadline) {
            Thread.sleep(250);
        }
        ProcStats end = hub.stats();
        Map<String, Map<String, Long>> deliveries = hub.deliveries();
        List<Double> latencies = new ArrayList<>();
        long lastDelivery = startMicros;
        for (Map.Entry<String, Long> accepted : receivedAtMicros.entrySet()) {
            long last = 0;
            boolean all = true;
            for (Map<String, Long> feed : deliveries.values()) {
                Long at = feed.get(accepted.getKey());
                if (at == null) {
                    all = false;
                    break;
                }
                last = Math.max(last, at);
            }
            if (all) {
                latencies.add((last - accepted.getValue()) / 1000.0);
                lastDelivery = Math.max(lastDelivery, last);
            }
        }
        int delivered = latencies.size();
        if (delivered < expected || refused.get() > 0) {
            System.out.printf("  %s: %d accepted, %d not accepted, %d delivered to all three within the bound%n",
                    scenario, expected, refused.get(), delivered);
        }
        Percentiles latency = new Percentiles(latencies.stream().mapToDouble(Double::doubleValue).toArray());
        Percentiles ack = new Percentiles(Arrays.stream(ackMs).filter(v -> !Double.isNaN(v)).toArray());
        double seconds = (lastDelivery - startMicros) / 1e6;
        return new Figures(scenario, delivered, delivered / seconds, latency.at(50), latency.at(95), latency.at(99),
                ack.at(50), ack.at(99), (double) (end.cpuMillis() - start.cpuMillis()) / Math.max(1, delivered),
                (double) (end.contextSwitches() - start.contextSwitches()) / Math.max(1, delivered),
                ack.count() / sendSeconds);
    }

    /** Distinct ~1 KB custody records in canonical JSON (the canonical-json golden case, identifiers changed). */
    static List<String> bodies(String prefix, int count) throws Exception {
        ObjectNode template = (ObjectNode) CanonicalJson.mapper().readTree(
                Files.readAllBytes(Path.of("mappings/canonical-json/cases/custody-with-medication/input.json")));
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode record = template.deepCopy();
            String custodyNumber = "BN-" + prefix + "-" + i;
            ObjectNode envelope = (ObjectNode) record.get("envelope");
            envelope.put("sourceRecordId", custodyNumber);
            envelope.put("correlationId", UUID.randomUUID().toString());
            ObjectNode custody = (ObjectNode) record.get("custody");
            custody.put("custodyNumber", custodyNumber);
            ((ObjectNode) custody.get("detainee")).remove("pncId");
            bodies.add(CanonicalJson.mapper().writeValueAsString(record));
        }
        return bodies;
    }

    private static String line(Figures f) {
        return String.format("%-34s %6d rec, %7.1f rec/s, e2e p50/p95/p99 %.0f/%.0f/%.0f ms, ack p50/p99 %.1f/%.1f ms,"
                        + " CPU %.2f ms/rec, %.0f ctx sw/rec%s", f.scenario(), f.records(), f.recordsPerSecond(), f.p50(),
                f.p95(), f.p99(), f.ackP50(), f.ackP99(), f.cpuMsPerRecord(), f.switchesPerRecord(),
                Double.isNaN(f.offered()) ? "" : String.format(", requests/s achieved %.0f", f.offered()));
    }

    private static void summary(List<Map<String, Figures>> runs, List<double[]> hubFacts) {
        if (runs.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("medians over " + runs.size() + " run(s) [min .. max]");
        for (String key : runs.get(0).keySet()) {
            List<Figures> all = runs.stream().map(r -> r.get(key)).toList();
            System.out.println("  " + all.get(0).scenario());
            System.out.println("    records/s          " + range(all.stream().mapToDouble(Figures::recordsPerSecond).toArray()));
            System.out.println("    e2e p50 ms         " + range(all.stream().mapToDouble(Figures::p50).toArray()));
            System.out.println("    e2e p95 ms         " + range(all.stream().mapToDouble(Figures::p95).toArray()));
            System.out.println("    e2e p99 ms         " + range(all.stream().mapToDouble(Figures::p99).toArray()));
            System.out.println("    ack/send p50 ms    " + range(all.stream().mapToDouble(Figures::ackP50).toArray()));
            System.out.println("    ack/send p99 ms    " + range(all.stream().mapToDouble(Figures::ackP99).toArray()));
            System.out.println("    CPU ms/record      " + range(all.stream().mapToDouble(Figures::cpuMsPerRecord).toArray()));
            System.out.println("    ctx switches/rec   " + range(all.stream().mapToDouble(Figures::switchesPerRecord).toArray()));
        }
        System.out.println("  ratio ForceLink / null (saturation) " + range(runs.stream()
                .mapToDouble(r -> r.get("saturation").recordsPerSecond() / r.get("null").recordsPerSecond()).toArray()));
        System.out.println("  hub start-up to ready s  " + range(hubFacts.stream().mapToDouble(f -> f[0]).toArray()));
        System.out.println("  hub peak heap MB         " + range(hubFacts.stream().mapToDouble(f -> f[1]).toArray()));
        System.out.println("  hub peak RSS MB          " + range(hubFacts.stream().mapToDouble(f -> f[2]).toArray()));
    }

    private static String range(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format("%.2f [%.2f .. %.2f]", median, sorted[0], sorted[sorted.length - 1]);
    }
}
