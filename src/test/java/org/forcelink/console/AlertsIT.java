package org.forcelink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.forcelink.replay.DeadLetters;
import org.forcelink.tracking.Hub;
import org.junit.jupiter.api.Test;

/**
 * A recipient goes down: its record is dead-lettered and the dead-letters alert is raised exactly once
 * however many evaluations see it; after recovery and a replay it is cleared exactly once. The alert is
 * in the API the console reads, a gauge while active, and counted at /actuator/prometheus.
 */
class AlertsIT extends ConsoleHub {

    private static final Duration SEVERAL_EVALUATIONS = Duration.ofSeconds(2);

    @Test
    void aStoppedRecipientRaisesItsAlertOnceAndClearsItOnce() {
        AlertMonitor alerts = bean(AlertMonitor.class);
        DeadLetters deadLetters = bean(DeadLetters.class);
        assertThat(deadLetters.count("pnd")).isZero();
        long raised = alerts.raisedCount("dead-letters");
        long cleared = alerts.clearedCount("dead-letters");

        pndOutage().down();
        try {
            accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId()));
            accepted("crime", KENT, Hub.crimeRecord(Hub.unique("46/"), Hub.pncId()));
            await().atMost(DELIVERY).until(() -> deadLetters.count("pnd") == 2);
        } finally {
            pndOutage().up();
        }
        await().atMost(DELIVERY).until(() -> alerts.raisedCount("dead-letters") == raised + 1);
        await().during(SEVERAL_EVALUATIONS).atMost(SEVERAL_EVALUATIONS.plusSeconds(5))
                .until(() -> alerts.raisedCount("dead-letters") == raised + 1);

        JsonNode active = Hub.json(getAs("viewer", "/api/v1/ops/alerts").body()).get("active");
        assertThat(active).hasSize(1);
        assertThat(active.get(0).get("key").asText()).isEqualTo("dead-letters:pnd");
        assertThat(active.get(0).get("detail").asText()).isEqualTo("2 dead letters");
        assertThat(getAs("viewer", "/actuator/prometheus").body())
                .contains("forcelink_alerts_active{application=\"forcelink\",rule=\"dead-letters\",subject=\"pnd\"} 1.0",
                        "forcelink_recipient_dead_letters{application=\"forcelink\",recipient=\"pnd\"} 2.0",
                        "forcelink_inbound_last_hour{application=\"forcelink\",force=\"kent\",system=\"crime\"}");

        journeysWritten();
        JsonNode plan = Hub.json(postAs("operator", "/api/v1/replays",
                "{\"source\":\"dead-letters\",\"recipient\":\"pnd\",\"reason\":\"PND back\"}").body());
        assertThat(postAs("operator", "/api/v1/replays/" + plan.get("job").get("id").asText() + "/start", null)
                .statusCode()).isEqualTo(202);
        await().atMost(DELIVERY).until(() -> deadLetters.count("pnd") == 0);

        await().atMost(DELIVERY).until(() -> alerts.clearedCount("dead-letters") == cleared + 1);
        await().during(SEVERAL_EVALUATIONS).atMost(SEVERAL_EVALUATIONS.plusSeconds(5))
                .until(() -> alerts.clearedCount("dead-letters") == cleared + 1
                        && alerts.raisedCount("dead-letters") == raised + 1);
        assertThat(Hub.json(getAs("viewer", "/api/v1/ops/alerts").body()).get("active")).isEmpty();
        String metrics = getAs("viewer", "/actuator/prometheus").body();
        assertThat(metrics).contains(
                "forcelink_alerts_active{application=\"forcelink\",rule=\"dead-letters\",subject=\"pnd\"} 0.0",
                "forcelink_alerts_raised_total{application=\"forcelink\",rule=\"dead-letters\"} " + (raised + 1) + ".0",
                "forcelink_alerts_cleared_total{application=\"forcelink\",rule=\"dead-letters\"} " + (cleared + 1) + ".0");
    }

    @Test
    void anonymousHealthIsStatusOnlyAndOperatorsSeeDetails() {
        assertThat(request("GET", "/actuator/health", null, null, null).body())
                .isEqualTo("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
        JsonNode details = Hub.json(getAs("viewer", "/actuator/health/readiness").body());
        assertThat(details.at("/components/routes/status").asText()).isEqualTo("UP");
        assertThat(details.at("/components/broker/status").asText()).isEqualTo("UP");
        assertThat(details.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(request("GET", "/actuator/prometheus", null, null, null).statusCode()).isEqualTo(401);
    }
}
