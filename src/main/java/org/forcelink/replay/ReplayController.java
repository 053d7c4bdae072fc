package org.forcelink.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forcelink.api.ApiProblem;
import org.forcelink.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API for replay: plan (a dry run, stored as a job), look at the plan and progress, approve
 * (a second operator, for bulk replays), start and cancel. See docs/operations.md.
 */
@RestController
class ReplayController {

    private static final int MAX_ITEMS_PAGE = 1000;

    private final ReplayService replays;

    ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @PostMapping("/api/v1/replays")
    ResponseEntity<Map<String, Object>> plan(@RequestBody ReplayRequest request, Authentication authentication) {
        ReplayService.Plan plan = replays.plan(request, Caller.of(authentication));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", plan.job());
        body.put("items", plan.items());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @GetMapping("/api/v1/replays")
    Map<String, Object> list(@RequestParam(required = false) Integer limit, Authentication authentication) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw ApiProblem.badRequest("bad-request", "limit must be 1 to 500");
        }
        return Map.of("jobs", replays.jobs(Caller.of(authentication), size));
    }

    @GetMapping("/api/v1/replays/{jobId}")
    ReplayJobs.Job job(@PathVariable String jobId, Authentication authentication) {
        return replays.job(jobId, Caller.of(authentication));
    }

    /** The dry run's items: what was delivered against what would be sent. A payload view: needs a reason. */
    @GetMapping("/api/v1/replays/{jobId}/items")
    Map<String, Object> items(@PathVariable String jobId, @RequestParam(required = false) String reason,
            @RequestParam(required = false) Integer after, @RequestParam(required = false) Integer limit,
            Authentication authentication) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_ITEMS_PAGE) {
            throw ApiProblem.badRequest("bad-request", "limit must be 1 to " + MAX_ITEMS_PAGE);
        }
        List<ReplayJobs.Item> items = replays.items(jobId, after == null ? 0 : after, size, reason,
                Caller.of(authentication));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        if (items.size() == size) {
            body.put("next", items.get(items.size() - 1).seq());
        }
        return body;
    }

    @PostMapping("/api/v1/replays/{jobId}/approve")
    ReplayJobs.Job approve(@PathVariable String jobId, Authentication authentication) {
        return replays.approve(jobId, Caller.of(authentication));
    }

    @PostMapping("/api/v1/replays/{jobId}/start")
    ResponseEntity<ReplayJobs.Job> start(@PathVariable String jobId, Authentication authentication) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start(jobId, Caller.of(authentication)));
    }

    @PostMapping("/api/v1/replays/{jobId}/cancel")
    ReplayJobs.Job cancel(@PathVariable String jobId, Authentication authentication) {
        return replays.cancel(jobId, Caller.of(authentication));
    }
}
