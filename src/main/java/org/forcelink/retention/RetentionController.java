package org.forcelink.retention;

import java.util.List;
import java.util.Map;
import org.forcelink.api.ApiProblem;
import org.forcelink.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The retention job's own journey (its runs), and a run on demand for an admin. */
@RestController
class RetentionController {

    private final RetentionJob retention;

    RetentionController(RetentionJob retention) {
        this.retention = retention;
    }

    @GetMapping("/api/v1/retention/runs")
    Map<String, List<RetentionJob.Run>> runs() {
        return Map.of("runs", retention.runs(50));
    }

    @PostMapping("/api/v1/retention/run")
    RetentionJob.Run run(Authentication authentication) {
        return retention.run(Caller.of(authentication).name()).orElseThrow(() -> ApiProblem.conflict("retention-running",
                "a retention run is in progress on this or another hub instance"));
    }
}
