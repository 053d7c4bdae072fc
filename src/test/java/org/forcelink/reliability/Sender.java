package org.forcelink.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.forcelink.canonical.CanonicalJson;

/**
 * The force system of a crash test: submits records over HTTP in lanes (each lane sends its records one
 * after another, so per-subject order holds when a subject stays in one lane) and retries what was not
 * accepted, with the same Idempotency-Key, as a real sender would: after a refused connection, a reset,
 * a 503 or a 429, with a short back-off, against the next hub when there are several. A record counts
 * as accepted only once a 202 with a message id came back. Every record has a deadline.
 */
final class Sender {

    /** A record and what the hub answered for it. */
    static final class Submission {
        final SampleRecord record;
        final int lane;
        volatile String messageId;
        volatile String failure;
        final AtomicInteger attempts = new AtomicInteger();

        Submission(SampleRecord record, int lane) {
            this.record = record;
            this.lane = lane;
        }

        boolean accepted() {
            return messageId != null;
        }
    }

    private final List<HubProcess> hubs;
    private final String token;
    private final HttpClient http;
    private final Instant deadline;
    private final List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();
    private final AtomicInteger connectionFailures = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final Map<String, Integer> otherAnswers = new ConcurrentHashMap<>();

    Sender(List<HubProcess> hubs, String token, HttpClient http, Duration timeLimit) {
        this.hubs = List.copyOf(hubs);
        this.token = token;
        this.http = http;
        this.deadline = Instant.now().plus(timeLimit);
    }

    /** Sends every lane concurrently; completes when every record is accepted or given up on. */
    CompletableFuture<Void> start(List<List<SampleRecord>> lanes) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes.size(); lane++) {
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (SampleRecord record : lanes.get(lane)) {
                Submission submission = new Submission(record, lane);
                submissions.add(submission);
                chain = chain.thenCompose(ignored -> send(submission));
            }
            running.add(chain);
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(Submission submission) {
        int attempt = submission.attempts.incrementAndGet();
        if (Instant.now().isAfter(deadline)) {
            submission.failure = "deadline passed after " + (attempt - 1) + " attempts";
            return CompletableFuture.completedFuture(null);
        }
        // A sender that cannot reach one hub tries the next one; the Idempotency-Key is the same.
        HubProcess hub = hubs.get((submission.lane + attempt - 1) % hubs.size());
        SampleRecord record = submission.record;
        HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/records/" + record.system()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", record.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(record.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> decide(submission, response, error))
                .thenCompose(retry -> retry
                        ? CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                                backoffMillis(attempt), TimeUnit.MILLISECONDS)).thenCompose(x -> send(submission))
                        : CompletableFuture.completedFuture(null));
    }

    /** True when the record should be sent again. */
    private boolean decide(Submission submission, HttpResponse<String> response, Throwable error) {
        if (error != null) {
            connectionFailures.incrementAndGet();
            return true;
        }
        switch (response.statusCode()) {
            case 202 -> {
                submission.messageId = messageId(response.body());
                acceptedCount.incrementAndGet();
                if (response.headers().firstValue("Idempotent-Replayed").isPresent()) {
                    replayed.incrementAndGet();
                }
                return false;
            }
            case 503 -> {
                unavailable.incrementAndGet();
                return true;
            }
            case 429 -> {
                tooMany.incrementAndGet();
                return true;
            }
            default -> {
                otherAnswers.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                submission.failure = response.statusCode() + " " + response.body();
                return false;
            }
        }
    }

    private static long backoffMillis(int attempt) {
        return Math.min(2_000, 100L << Math.min(attempt, 5));
    }

    private static String messageId(String body) {
        try {
            JsonNode ack = CanonicalJson.mapper().readTree(body);
            return ack.get("messageId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Submission> submissions() {
        synchronized (submissions) {
            return List.copyOf(submissions);
        }
    }

    int accepted() {
        return acceptedCount.get();
    }

    /** 503 answers received (each retried with the same key). */
    int unavailable() {
        return unavailable.get();
    }

    int tooMany() {
        return tooMany.get();
    }

    /** Requests that got no answer at all (refused, reset, timed out). */
    int connectionFailures() {
        return connectionFailures.get();
    }

    /** 202 answers marked Idempotent-Replayed: a retry of a record the hub had already accepted. */
    int replayed() {
        return replayed.get();
    }

    /** Answers other than 202, 429 and 503, by status: there should be none. */
    Map<String, Integer> otherAnswers() {
        return Map.copyOf(otherAnswers);
    }
}
