package org.forcelink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.forcelink.canonical.CanonicalJson;

/**
 * Scenario (a) of the pipeline benchmark: one CSV crime file of {@code bench.file.records} rows in the
 * {@code crime-csv} layout, dropped (written as {@code .part}, then renamed) into Avon and Somerset's
 * {@code crime} inbox of a fresh hub whose three file recipients take crime records; measured from the
 * drop to the last of the three deliveries of every record. Beside it, the null pipeline with the same
 * hops and one record per message, sent in broker transactions of as many records as the hub's file
 * batch. Every wait is bounded.
 */
final class FileScenario {

    static final String FORCE = "avon-and-somerset";
    static final String SYSTEM = "crime";
    private static final Path CASE = Path.of("mappings/crime-csv/cases/shop-theft-two-offences");

    private FileScenario() {}

    static void run(HubLaunch launch, Path dir, int records, int batch, int limitSeconds, int nullLimitSeconds, boolean jfr)
            throws Exception {
        Files.createDirectories(dir);
        System.out.println();
        System.out.printf("file scenario: %,d crime records in one CSV file, %s/%s, bound %d s (null pipeline %d s)%n",
                records, FORCE, SYSTEM, limitSeconds, nullLimitSeconds);
        System.out.println("  load average before: " + loadAverage());

        List<String> bodies = canonicalBodies(records);
        NullPipeline.Result nul = NullPipeline.run(dir.resolve("null"), bodies, 1, nullLimitSeconds, batch);
        HubUnderTest.discard(dir.resolve("null"));
        bodies = null;
        Percentiles nullLatency = new Percentiles(nul.latenciesMs());
        System.out.printf("  null pipeline (batches of %d):  %,d of %,d records in all three in %.1f s, %.0f rec/s,"
                        + " e2e p50/p95/p99 %.0f/%.0f/%.0f ms, CPU %.3f ms/rec, %.1f ctx sw/rec%n", batch, nul.records(),
                records, nul.seconds(), nul.recordsPerSecond(), nullLatency.at(50), nullLatency.at(95),
                nullLatency.at(99), (double) nul.cpuMillis() / Math.max(1, nul.records()),
                (double) nul.contextSwitches() / Math.max(1, nul.records()));
        System.out.println("  load average after the null pipeline: " + loadAverage());

        byte[] csv = csv(records);
        Path jfrFile = jfr ? dir.resolve("hub.jfr") : null;
        try (HubUnderTest hub = HubUnderTest.start(launch, dir.resolve("hub"), Duration.ofSeconds(180), true, jfrFile)) {
            measure(hub, dir, csv, nul, limitSeconds);
        }
        HubUnderTest.discard(dir.resolve("hub").resolve("data"));
        if (jfrFile != null) {
            System.out.println("  flight recording: " + jfrFile + " (window in " + dir.resolve("window.txt") + ")");
        }
    }

    private static void measure(HubUnderTest hub, Path dir, byte[] csv, NullPipeline.Result nul, int limitSeconds)
            throws Exception {
        {
            System.out.printf("  hub ready in %.1f s; file %,d bytes%n", hub.startSeconds(), csv.length);
            Path inbox = hub.dataDir().resolve("inbox").resolve(FORCE).resolve(SYSTEM);
            Path acks = hub.dataDir().resolve("acks").resolve(FORCE);
            long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.isDirectory(inbox) && System.nanoTime() < bound) {
                Thread.sleep(100);
            }
            Path part = inbox.resolve("crime-bench.csv.part");
            Files.write(part, csv);
            ProcStats start = hub.stats();
            long dropMicros = System.currentTimeMillis() * 1000;
            long dropNanos = System.nanoTime();
            Files.move(part, inbox.resolve("crime-bench.csv"), StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(dir.resolve("window.txt"), "drop " + Instant.ofEpochMilli(dropMicros / 1000) + "\n");
            long deadline = dropNanos + TimeUnit.SECONDS.toNanos(limitSeconds);

            Optional<Path> ackFile = Optional.empty();
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ackFile.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(250);
                ackFile = ack(acks);
                if (System.nanoTime() > nextReport) {
                    System.out.printf("    %4d s: no acknowledgement yet, %,d records in all three feeds%n",
                            (System.nanoTime() - dropNanos) / 1_000_000_000, hub.leastDelivered());
                    nextReport += TimeUnit.SECONDS.toNanos(30);
                }
            }
            if (ackFile.isEmpty()) {
                // Without the acknowledgement there are no message ids: the rate from the feeds' counts only.
                ProcStats end = hub.stats();
                long delivered = hub.leastDelivered();
                double seconds = (System.nanoTime() - dropNanos) / 1e9;
                System.out.printf("  ForceLink file: no acknowledgement within the %d s bound; %,d records in all three"
                                + " in %.1f s, %.0f rec/s, CPU %.2f ms per delivered record, peak heap %.0f MB,"
                                + " peak RSS %.0f MB%n", limitSeconds, delivered, seconds, delivered / seconds,
                        (double) (end.cpuMillis() - start.cpuMillis()) / Math.max(1, delivered),
                        hub.peakHeapBytes() / 1048576.0, end.peakRssKb() / 1024.0);
                return;
            }
            double ackSeconds = (System.nanoTime() - dropNanos) / 1e9;
            JsonNode ack = CanonicalJson.mapper().readTree(ackFile.get().toFile());
            List<String> ids = new ArrayList<>();
            List<Long> receivedMicros = new ArrayList<>();
            for (JsonNode line : ack.get("records")) {
                if (!"REJECTED".equals(line.path("status").asText())) {
                    ids.add(line.get("messageId").asText());
                    receivedMicros.add(Instant.parse(line.get("receivedAt").asText()).toEpochMilli() * 1000);
                }
            }
            System.out.printf("  acknowledged after %.1f s: %s, counts %s%n", ackSeconds, ack.path("status").asText(),
                    ack.path("counts"));
            while (hub.leastDelivered() < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                if (System.nanoTime() > nextReport) {
                    System.out.printf("    %4d s: %,d of %,d records in all three feeds%n",
                            (System.nanoTime() - dropNanos) / 1_000_000_000, hub.leastDelivered(), ids.size());
                    nextReport += TimeUnit.SECONDS.toNanos(30);
                }
            }
            ProcStats end = hub.stats();
            Files.writeString(dir.resolve("window.txt"), "end " + Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Map<String, Map<String, Long>> deliveries = hub.deliveries();
            double[] latencies = new double[ids.size()];
            int delivered = 0;
            long lastDelivery = dropMicros;
            for (int i = 0; i < ids.size(); i++) {
                long last = 0;
                boolean all = true;
                for (Map<String, Long> feed : deliveries.values()) {
                    Long at = feed.get(ids.get(i));
                    if (at == null) {
                        all = false;
                        break;
                    }
                    last = Math.max(last, at);
                }
                if (all) {
                    latencies[delivered++] = (last - receivedMicros.get(i)) / 1000.0;
                    lastDelivery = Math.max(lastDelivery, last);
                }
            }
            Percentiles latency = new Percentiles(java.util.Arrays.copyOf(latencies, delivered));
            double seconds = (lastDelivery - dropMicros) / 1e6;
            double rate = delivered / seconds;
            System.out.printf("  ForceLink file:  %,d of %,d accepted records in all three in %.1f s (drop to last"
                            + " delivery), %.0f rec/s, acceptance to last delivery p50/p95/p99 %.0f/%.0f/%.0f ms,"
                            + " CPU %.2f ms/rec, %.1f ctx sw/rec, peak heap %.0f MB, peak RSS %.0f MB%n", delivered,
                    ids.size(), seconds, rate, latency.at(50), latency.at(95), latency.at(99),
                    (double) (end.cpuMillis() - start.cpuMillis()) / Math.max(1, delivered),
                    (double) (end.contextSwitches() - start.contextSwitches()) / Math.max(1, delivered),
                    hub.peakHeapBytes() / 1048576.0, end.peakRssKb() / 1024.0);
            System.out.printf("  ratio ForceLink file / null pipeline (records/s): %.2f%n", rate / nul.recordsPerSecond());
            System.out.println("  load average after: " + loadAverage());
        }
    }

    private static Optional<Path> ack(Path acks) throws IOException {
        if (!Files.isDirectory(acks)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(acks)) {
            return files.filter(f -> f.getFileName().toString().startsWith("crime-bench.csv.")
                    && f.getFileName().toString().endsWith(".ack.json")).findFirst();
        }
    }

    /**
     * The CSV file: the header and {@code records} rows of the shop-theft golden case, each with its own
     * crime reference (so each record is its own subject and message group) and a record time a minute
     * apart, London local times as the family's systems write them.
     */
    static byte[] csv(int records) throws IOException {
        List<String> lines = Files.readAllLines(CASE.resolve("input.csv"), StandardCharsets.UTF_8);
        String header = lines.get(0);
        String row = lines.get(1);
        String rest = row.substring(row.indexOf(',')); // from the VERSION column on
        StringBuilder out = new StringBuilder(header.length() + 2 + (row.length() + 8) * records);
        out.append(header).append("\r\n");
        for (int i = 0; i < records; i++) {
            out.append("52/C/").append(100_000 + i).append("/26").append(rest).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical JSON the hub makes of each row (the golden case's expected record, references changed). */
    static List<String> canonicalBodies(int records) throws IOException {
        ObjectNode template = (ObjectNode) CanonicalJson.mapper().readTree(CASE.resolve("expected.json").toFile());
        List<String> bodies = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            ObjectNode record = template.deepCopy();
            String reference = "52/C/" + (100_000 + i) + "/26";
            ((ObjectNode) record.get("envelope")).put("sourceRecordId", reference).put("sourceForce", FORCE);
            ((ObjectNode) record.get("crime")).put("crimeReference", reference);
            bodies.add(CanonicalJson.mapper().writeValueAsString(record));
        }
        return bodies;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
