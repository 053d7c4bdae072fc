package org.forcelink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.forcelink.tracking.Hub;
import org.forcelink.tracking.TrackingHubSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A hub with one route whose consumer cannot start: the supervising route controller retries it twice,
 * then gives up, and readiness (and liveness) go DOWN naming the route, while the other routes run.
 */
class RouteExhaustionIT extends TrackingHubSupport {

    private static final Path DATA = ConsoleHub.tempDir("forcelink-it-exhausted-");

    @DynamicPropertySource
    static void brokenRoute(DynamicPropertyRegistry registry) {
        registry.add("forcelink.data-dir", DATA::toString);
        registry.add("spring.artemis.broker-url", () -> "vm://31");
        registry.add("forcelink.broker.acceptor-url", () -> "tcp://127.0.0.1:" + ConsoleHub.freeLocalPort());
        registry.add("camel.main.routes-include-pattern", () -> "file:./routes/_config/*.camel.yaml,"
                + "file:./routes/*.camel.yaml,classpath:broken-routes/*.camel.yaml");
        registry.add("camel.routecontroller.back-off-delay", () -> "100");
        registry.add("camel.routecontroller.back-off-multiplier", () -> "1");
        registry.add("camel.routecontroller.back-off-max-attempts", () -> "2");
    }

    @Test
    void readinessGoesDownNamingTheExhaustedRoute() {
        await().atMost(Duration.ofSeconds(30)).until(() -> request("GET", "/actuator/health/readiness", null, null,
                null).statusCode() == 503);

        HttpResponse<String> anonymous = request("GET", "/actuator/health/readiness", null, null, null);
        assertThat(anonymous.body()).isEqualTo("{\"status\":\"DOWN\"}");

        JsonNode readiness = Hub.json(getAs("viewer", "/actuator/health/readiness").body());
        assertThat(readiness.get("status").asText()).isEqualTo("DOWN");
        assertThat(readiness.at("/components/routes/status").asText()).isEqualTo("DOWN");
        assertThat(readiness.at("/components/routes/details/exhaustedRoutes").toString())
                .isEqualTo("[\"broken-feed\"]");
        assertThat(readiness.at("/components/broker/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");

        JsonNode liveness = Hub.json(getAs("viewer", "/actuator/health/liveness").body());
        assertThat(liveness.at("/components/routes/details/exhaustedRoutes").toString())
                .isEqualTo("[\"broken-feed\"]");

        JsonNode routes = Hub.json(getAs("viewer", "/api/v1/ops/routes").body());
        JsonNode broken = null;
        for (JsonNode route : routes) {
            if (route.get("id").asText().equals("broken-feed")) {
                broken = route;
            } else {
                assertThat(route.get("status").asText()).as(route.get("id").asText()).isEqualTo("Started");
            }
        }
        assertThat(broken).isNotNull();
        assertThat(broken.get("status").asText()).isEqualTo("Exhausted");
        assertThat(broken.get("exhausted").asBoolean()).isTrue();
    }
}
