package org.forcelink.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.forcelink.canonical.CanonicalJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit per force (ARCHITECTURE 3.3): a force over its burst gets 429 with Retry-After and a
 * problem body, and another force is not affected. Essex is given a tiny limit (1 request/s, burst 3)
 * in a copy of the config, on a hub of its own, so no other test is throttled.
 */
class RateLimitIT extends CrashTestSupport {

    private static final String ESSEX_TOKEN = "dev-token-essex";
    private static final int BURST = 3;
    /** More than the burst plus what one second refills, so the limit must bite within it. */
    private static final int ATTEMPTS = 12;

    private HubProcess hub;

    @AfterEach
    void stopEverything() {
        if (hub != null) {
            hub.killHard();
        }
    }

    @Test
    void aForceOverItsBurstGets429WithRetryAfterAndOtherForcesAreNotHeldBack() throws Exception {
        Path run = Processes.runDir("rate-limit");
        Path home = crashHome(run);
        HubHome.setRateLimit(home, "essex", 1, BURST);
        hub = HubProcess.http("rate", home, run.resolve("data"), run.resolve("logs"));
        hub.useEmbeddedBroker();
        hub.start();

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int n = 0; n < ATTEMPTS && limited == null; n++) {
            HttpResponse<String> answer = submit(ESSEX_TOKEN, SampleRecord.custody("42ES/rate/" + n, 1, List.of()));
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        assertThat(statuses.subList(0, BURST)).as("the burst is served").containsOnly(202);
        assertThat(limited).as("429 within " + ATTEMPTS + " requests; got " + statuses).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = CanonicalJson.mapper().readTree(limited.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(problem.get("type").asText()).endsWith("rate-limited");
        assertThat(problem.get("detail").asText())
                .isEqualTo("force essex is over its rate limit; retry after 1 s");

        // Kent, with the default limit, is served while Essex is held back.
        HttpResponse<String> kent = submit(KENT_TOKEN, SampleRecord.custody("46RT/rate/1", 1, List.of()));
        assertThat(kent.statusCode()).as(kent.body()).isEqualTo(202);
        Processes.report("rate-limit: essex statuses=" + statuses + " retryAfter="
                + limited.headers().firstValue("Retry-After").orElse("-") + " kent=" + kent.statusCode());
    }

    private HttpResponse<String> submit(String token, SampleRecord record) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(hub.uri("/api/v1/records/custody"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(record.body())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
