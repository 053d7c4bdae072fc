package org.forcelink.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forcelink.api.ApiProblem;
import org.forcelink.replay.DeadLetters;
import org.forcelink.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations API the console and the command-line client read: who the caller is, the overview
 * (routes, inbound rates, silent feeds, recipients), alerts, a recipient's dead letters and the audit
 * trail. A force-scoped caller sees its own force's feeds and dead letters only.
 */
@RestController
class OpsController {

    private static final int MAX_DEAD_LETTERS = 200;

    private final Overview overview;
    private final AlertMonitor alerts;
    private final DeadLetters deadLetters;
    private final OperatorAudit audit;

    OpsController(Overview overview, AlertMonitor alerts, DeadLetters deadLetters, OperatorAudit audit) {
        this.overview = overview;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    @GetMapping("/api/v1/ops/me")
    Map<String, Object> me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", caller.name());
        body.put("roles", caller.roles().stream().sorted().toList());
        body.put("force", caller.forceScope());
        return body;
    }

    @GetMapping("/api/v1/ops/overview")
    Map<String, Object> overview(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Overview.Snapshot snapshot = overview.snapshot().forCaller(caller);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", snapshot.at());
        body.put("routes", snapshot.routes());
        body.put("inbound", snapshot.inbound());
        body.put("silentFeeds", snapshot.silentFeeds());
        body.put("recipients", snapshot.recipients());
        body.put("alerts", visibleAlerts(caller));
        return body;
    }

    @GetMapping("/api/v1/ops/routes")
    List<Overview.RouteState> routes() {
        return overview.routes();
    }

    @GetMapping("/api/v1/ops/alerts")
    Map<String, Object> alerts(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", visibleAlerts(caller));
        body.put("history", caller.seesAllForces() ? alerts.history() : List.of());
        body.put("rules", alerts.rules());
        return body;
    }

    /** The recipient's dead letters, ids and cause only: the record itself is a payload view. */
    @GetMapping("/api/v1/ops/dead-letters")
    Map<String, Object> deadLetters(@RequestParam String recipient, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!recipient.matches("[a-z0-9-]{1,64}")) {
            throw ApiProblem.badRequest("bad-request", "recipient must be a recipient id");
        }
        List<Map<String, Object>> items = deadLetters.browse(recipient, MAX_DEAD_LETTERS).stream()
                .filter(letter -> caller.sees(letter.force()))
                .map(letter -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("messageId", letter.messageId());
                    item.put("force", letter.force());
                    item.put("system", letter.system());
                    item.put("recordType", letter.recordType());
                    item.put("cause", letter.cause());
                    return item;
                }).toList();
        return Map.of("recipient", recipient, "items", items);
    }

    @GetMapping("/api/v1/ops/audit")
    Map<String, Object> audit(@RequestParam(required = false) Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw ApiProblem.badRequest("bad-request", "limit must be 1 to 1000");
        }
        return Map.of("items", audit.recent(size));
    }

    private List<AlertMonitor.Alert> visibleAlerts(Caller caller) {
        // A force-scoped caller sees recipient alerts and its own force's feed alerts, not other forces'.
        return alerts.active().stream().filter(alert -> !alert.kind().equals(AlertRule.Kind.SILENT_FEED.code())
                || caller.sees(alert.subject().substring(0, alert.subject().indexOf('/')))).toList();
    }
}
