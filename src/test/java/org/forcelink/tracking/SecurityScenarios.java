package org.forcelink.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: anonymous callers get health status only, wrong credentials get 401 problem+json
 * with the challenges, a role that does not allow a request gets 403, forces stay out of the operator API.
 */
public interface SecurityScenarios extends Hub {

    @Test
    default void anonymousHealthIsStatusOnlyAndAnOperatorSeesTheDetails() {
        HttpResponse<String> anonymous = request("GET", "/actuator/health", null, null, null);
        HttpResponse<String> operator = getAs("viewer", "/actuator/health");

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(Hub.json(anonymous.body()).toString())
                .isEqualTo("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(Hub.json(operator.body()).get("components").has("db")).isTrue();
        assertThat(Hub.json(operator.body()).get("components").get("db").get("details").get("database").asText())
                .isIn("H2", "PostgreSQL");
    }

    @Test
    default void missingOrWrongCredentialsAre401WithBothChallenges() {
        HttpResponse<String> none = request("GET", "/api/v1/messages?key=x", null, null, null);
        HttpResponse<String> wrongPassword = request("GET", "/api/v1/messages?key=x", "Basic "
                + java.util.Base64.getEncoder().encodeToString("admin:not-the-password".getBytes()), null, null);
        HttpResponse<String> wrongToken = asForce("GET", "/api/v1/messages?key=x", "not-a-token", null, null);

        for (HttpResponse<String> response : java.util.List.of(none, wrongPassword, wrongToken)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"forcelink\"", "Basic realm=\"forcelink\"");
            JsonNode problem = Hub.json(response.body());
            assertThat(problem.get("type").asText()).isEqualTo("urn:forcelink:problem:unauthorized");
            assertThat(problem.get("detail").asText())
                    .isEqualTo("a valid bearer token of a force or an operator login is required");
        }
    }

    @Test
    default void aRoleThatDoesNotAllowTheRequestIs403() {
        HttpResponse<String> viewerReplays = postAs("viewer", "/api/v1/replays", "{}");
        HttpResponse<String> forceQuarantine = asForce("GET", "/api/v1/quarantine", KENT, null, null);
        HttpResponse<String> operatorApproves = postAs("operator", "/api/v1/replays/x/approve", null);
        HttpResponse<String> operatorRetention = postAs("operator", "/api/v1/retention/run", null);

        assertThat(viewerReplays.statusCode()).isEqualTo(403);
        assertThat(Hub.json(viewerReplays.body()).get("detail").asText())
                .isEqualTo("your role does not allow POST /api/v1/replays");
        assertThat(viewerReplays.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(forceQuarantine.statusCode()).isEqualTo(403);
        assertThat(operatorApproves.statusCode()).isEqualTo(403);
        assertThat(operatorRetention.statusCode()).isEqualTo(403);
    }
}
