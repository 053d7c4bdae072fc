package org.forcelink.quarantine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forcelink.api.ApiProblem;
import org.forcelink.api.Problems;
import org.forcelink.ingest.Acknowledgement;
import org.forcelink.ingest.IngestResult;
import org.forcelink.security.Caller;
import org.forcelink.tracking.AccessLog;
import org.forcelink.tracking.QuarantineJson;
import org.forcelink.tracking.QuarantineStore;
import org.forcelink.tracking.SearchCriteria;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API for rejected input: list it with the reasons, view one (with a reason, which the
 * access log records), and resubmit it after repair.
 */
@RestController
class QuarantineController {

    private final QuarantineStore quarantine;
    private final AccessLog accessLog;
    private final Resubmissions resubmissions;

    QuarantineController(QuarantineStore quarantine, AccessLog accessLog, Resubmissions resubmissions) {
        this.quarantine = quarantine;
        this.accessLog = accessLog;
        this.resubmissions = resubmissions;
    }

    @GetMapping("/api/v1/quarantine")
    Map<String, Object> list(@RequestParam(required = false) String force, @RequestParam(required = false) String system,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        SearchCriteria criteria = SearchCriteria.parse(null, force, null, null, null, from, to, limit, cursor);
        Boolean resubmitted = switch (status == null ? "" : status.trim()) {
            case "" -> null;
            case "QUARANTINED" -> false;
            case "RESUBMITTED" -> true;
            default -> throw ApiProblem.badRequest("bad-search", "status must be QUARANTINED or RESUBMITTED");
        };
        String scope = criteria.force();
        if (!caller.seesAllForces()) {
            if (scope != null && !scope.equals(caller.forceScope())) {
                return Map.of("items", List.of());
            }
            scope = caller.forceScope();
        }
        QuarantineStore.Page page = quarantine.list(scope, blankToNull(system), resubmitted, criteria.from(),
                criteria.to(), criteria.limit(), criteria.after());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(entry -> QuarantineJson.of(entry, false)).toList());
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        return body;
    }

    /** One quarantined input with the input itself: refused without a reason, logged with it. */
    @GetMapping("/api/v1/quarantine/{messageId}")
    Map<String, Object> view(@PathVariable String messageId, @RequestParam(required = false) String reason,
            Authentication authentication) {
        String why = AccessLog.requireReason(reason);
        Caller caller = Caller.of(authentication);
        QuarantineStore.Entry entry = quarantine.find(messageId).filter(e -> caller.sees(e.force()))
                .orElseThrow(() -> ApiProblem.notFound("unknown-message", "no quarantined input " + messageId
                        + " in your scope"));
        if (entry.payload() != null) {
            accessLog.viewed(caller.name(), messageId, entry.force(), AccessLog.Action.QUARANTINED_INPUT, why);
        }
        return QuarantineJson.of(entry, true);
    }

    /**
     * Resubmits the input: the request body, when there is one, is the edited payload (with its
     * Content-Type); an empty body resubmits the input as received, for after a mapping fix. Answers like
     * the HTTP source: 202 with the acknowledgement, or 422 when it is rejected again.
     */
    @PostMapping("/api/v1/quarantine/{messageId}/resubmit")
    ResponseEntity<?> resubmit(@PathVariable String messageId, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(required = false) String reason, Authentication authentication) {
        boolean edited = body != null && body.length > 0;
        if (reason != null && reason.length() > AccessLog.MAX_REASON) {
            throw ApiProblem.badRequest("bad-request", "the reason may be at most " + AccessLog.MAX_REASON
                    + " characters");
        }
        IngestResult result = resubmissions.resubmit(messageId, edited ? body : null, edited ? contentType : null,
                reason, Caller.of(authentication));
        return switch (result.outcome()) {
            case ACCEPTED -> ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                    .body(answer(messageId, result.acknowledgement()));
            case REPLAYED -> ResponseEntity.status(result.replayedStatus()).contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotent-Replayed", "true").body(answer(messageId, result.acknowledgement()));
            case REJECTED -> rejected(messageId, result.acknowledgement());
            case CONFLICT -> Problems.response(HttpStatus.CONFLICT, "idempotency-conflict", "Conflict", result.detail());
            case UNAVAILABLE -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.problem(
                            HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service Unavailable", result.detail()));
        };
    }

    private static Map<String, Object> answer(String quarantined, Acknowledgement ack) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", ack.messageId());
        body.put("status", ack.status());
        body.put("receivedAt", ack.receivedAt());
        body.put("exceptions", ack.exceptions());
        body.put("resubmissionOf", quarantined);
        return body;
    }

    private static ResponseEntity<ProblemDetail> rejected(String quarantined, Acknowledgement ack) {
        ProblemDetail problem = Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "rejected", "Record rejected",
                ack.exceptions().get(0).message());
        problem.setProperty("messageId", ack.messageId());
        problem.setProperty("receivedAt", ack.receivedAt());
        problem.setProperty("exceptions", ack.exceptions());
        problem.setProperty("resubmissionOf", quarantined);
        return Problems.response(problem);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
