package org.forcelink.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Latency of federated subject search with the 44 forces of config/forces answering through the embedded
 * stubs, at 20 concurrent searches. A measurement, not a test: it asserts nothing about time and only
 * runs with {@code mvn -o verify -Psearch-benchmark} (docs/benchmarks.md). Bounded: a fixed number of
 * searches, and it stops early after three minutes. Results go to target/benchmarks/subject-search.txt.
 */
class SubjectSearchBenchmark extends SearchTestSupport {

    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 20);
    private static final int SEARCHES_PER_CLIENT = Integer.getInteger("benchmark.searches", 25);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 40);
    private static final long MAX_SECONDS = Long.getLong("benchmark.maxSeconds", 180);

    @Value("${forcelink.search.timeout-ms}")
    long timeoutMs;

    @Value("${forcelink.search.deadline-ms}")
    long deadlineMs;

    /** One search as the client saw it. */
    private record Sample(long millis, int status, int missing, int results, long hubMillis) {}

    @Test
    void latencyAt20ConcurrentSearches() throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String body = byPnc(BRANNIGAN_PNC, "custody", "Benchmark: custody desk risk check");
        ExecutorService warm = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Sample>> warming = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) {
            warming.add(warm.submit(() -> once(body)));
        }
        for (Future<Sample> sample : warming) {
            sample.get();
        }
        warm.shutdown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger stoppedEarly = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int i = 0; i < SEARCHES_PER_CLIENT; i++) {
                    if (System.nanoTime() > deadline) {
                        stoppedEarly.incrementAndGet();
                        return null;
                    }
                    samples.add(once(body));
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        clients.shutdown();
        report(new ArrayList<>(samples), wallMs, stoppedEarly.get(), loadBefore);
    }

    private Sample once(String body) {
        long started = System.nanoTime();
        HttpResponse<String> response = search(KENT, body);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (response.statusCode() != 200) {
            return new Sample(millis, response.statusCode(), -1, 0, -1);
        }
        JsonNode answer = json(response.body());
        return new Sample(millis, 200, answer.get("missing").size(), answer.get("results").size(),
                answer.get("elapsedMs").asLong());
    }

    private void report(List<Sample> samples, long wallMs, int stoppedEarly, double loadBefore) throws IOException {
        List<Long> millis = samples.stream().map(Sample::millis).sorted().toList();
        List<Long> hub = samples.stream().filter(s -> s.status() == 200).map(Sample::hubMillis).sorted().toList();
        long complete = samples.stream().filter(s -> s.status() == 200 && s.missing() == 0).count();
        long failed = samples.stream().filter(s -> s.status() != 200).count();
        double missingAverage = samples.stream().filter(s -> s.status() == 200).mapToInt(Sample::missing).average()
                .orElse(0);
        String report = String.format(Locale.UK, """
                Federated subject search benchmark
                  forces answering (stubs)   44 (config/forces, embedded stubs on the hub's web server)
                  concurrent searches        %d clients, %d searches each after %d warm-up searches
                  settings                   per-force timeout %d ms, deadline %d ms
                  machine                    %d processors seen by the JVM, %s
                  load average               %.1f before the run (other processes), %.1f at its end
                  searches measured          %d in %d ms (%.1f searches/s)%s
                  latency p50                %d ms
                  latency p90                %d ms
                  latency p99                %d ms
                  latency max                %d ms
                  in the hub p50, p99, max   %d ms, %d ms, %d ms (elapsedMs: request read to answer built)
                  all 44 answered            %d of %d searches (%.1f%%); mean systems missing %.2f
                  errors (non-200)           %d
                """, CLIENTS, SEARCHES_PER_CLIENT, WARM_UP, timeoutMs, deadlineMs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                samples.size(), wallMs, samples.size() * 1000.0 / wallMs,
                stoppedEarly > 0 ? " (stopped early at the time limit)" : "",
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99), millis.get(millis.size() - 1),
                percentile(hub, 50), percentile(hub, 99), hub.get(hub.size() - 1),
                complete, samples.size(), complete * 100.0 / samples.size(), missingAverage, failed);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("subject-search.txt"), report);
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
