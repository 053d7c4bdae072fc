package org.forcelink.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Evaluates the alert rules against an overview snapshot on a schedule and keeps one state machine per
 * alert key (rule and subject): a condition that starts to hold raises its alert once, one that stops
 * holding clears it once, however many evaluations see it in between. Raising and clearing are logged at
 * WARN with ids only, counted, and each active alert is a gauge.
 */
public class AlertMonitor {

    private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);
    private static final int HISTORY = 200;

    /** An alert: its rule, kind, subject (a recipient, or force/system), since when, and what was seen. */
    public record Alert(String key, String rule, String kind, String subject, Instant raisedAt, long value,
            String detail) {}

    /** A raise or a clear, for the console's history. */
    public record Event(Instant at, String type, String key) {}

    private final Overview overview;
    private final List<AlertRule> rules;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Map<String, Instant> holdingSince = new HashMap<>();
    private final Map<String, AtomicLong> gauges = new HashMap<>();
    private final Deque<Event> history = new ArrayDeque<>();
    private final MultiGauge inbound;
    private final MultiGauge backlog;
    private final MultiGauge deadLetters;
    private final MultiGauge silent;

    public AlertMonitor(Overview overview, List<AlertRule> rules, MeterRegistry meters, Clock clock) {
        this.overview = overview;
        this.rules = rules;
        this.meters = meters;
        this.clock = clock;
        this.inbound = MultiGauge.builder("forcelink.inbound.last.hour")
                .description("records received from each force system in the last hour").register(meters);
        this.backlog = MultiGauge.builder("forcelink.recipient.backlog")
                .description("messages waiting in deliver.<recipient>").register(meters);
        this.deadLetters = MultiGauge.builder("forcelink.recipient.dead.letters")
                .description("messages in dlq.<recipient>").register(meters);
        this.silent = MultiGauge.builder("forcelink.feed.silent.seconds")
                .description("how long a feed has been silent past its cadence").register(meters);
    }

    @Scheduled(initialDelayString = "${forcelink.alerts.interval:PT30S}",
            fixedDelayString = "${forcelink.alerts.interval:PT30S}")
    public void scheduledEvaluation() {
        try {
            evaluate(overview.snapshot());
        } catch (RuntimeException e) {
            // The next evaluation tries again; a failed one changes no alert.
            log.warn("alert evaluation failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Applies the rules to one snapshot: raises what newly holds, clears what no longer does. */
    public synchronized void evaluate(Overview.Snapshot snapshot) {
        publish(snapshot);
        Instant now = snapshot.at();
        Map<String, Alert> holding = new LinkedHashMap<>();
        for (AlertRule rule : rules) {
            for (Alert candidate : candidates(rule, snapshot, now)) {
                holding.put(candidate.key(), candidate);
            }
        }
        holdingSince.keySet().retainAll(holding.keySet());
        for (Alert candidate : holding.values()) {
            Instant since = holdingSince.computeIfAbsent(candidate.key(), k -> now);
            AlertRule rule = rules.stream().filter(r -> r.id().equals(candidate.rule())).findFirst().orElseThrow();
            Alert raised = active.get(candidate.key());
            if (raised != null) {
                // Still raised: the console shows what is seen now, but nothing is raised again.
                active.put(raised.key(), new Alert(raised.key(), raised.rule(), raised.kind(), raised.subject(),
                        raised.raisedAt(), candidate.value(), candidate.detail()));
            } else if (!since.plus(rule.holdFor()).isAfter(now)) {
                raise(candidate);
            }
        }
        for (Alert alert : List.copyOf(active.values())) {
            if (!holding.containsKey(alert.key())) {
                clear(alert, now);
            }
        }
    }

    /** The snapshot as gauges tagged by force, system and recipient, for Prometheus. */
    private void publish(Overview.Snapshot snapshot) {
        inbound.register(snapshot.inbound().stream().map(i -> MultiGauge.Row.of(
                Tags.of("force", i.force(), "system", i.system()), i.lastHour())).toList(), true);
        backlog.register(snapshot.recipients().stream().filter(r -> r.backlog() != null).map(r -> MultiGauge.Row.of(
                Tags.of("recipient", r.recipient()), r.backlog())).toList(), true);
        deadLetters.register(snapshot.recipients().stream().filter(r -> r.deadLetters() != null)
                .map(r -> MultiGauge.Row.of(Tags.of("recipient", r.recipient()), r.deadLetters())).toList(), true);
        silent.register(snapshot.silentFeeds().stream().map(f -> MultiGauge.Row.of(
                Tags.of("force", f.force(), "system", f.system()), f.silentFor().toSeconds())).toList(), true);
    }

    private List<Alert> candidates(AlertRule rule, Overview.Snapshot snapshot, Instant now) {
        List<Alert> found = new ArrayList<>();
        switch (rule.kind()) {
            case DEAD_LETTERS -> snapshot.recipients().stream()
                    .filter(r -> rule.watches(r.recipient()) && r.deadLetters() != null && r.deadLetters() > rule.above())
                    .forEach(r -> found.add(alert(rule, r.recipient(), now, r.deadLetters(),
                            r.deadLetters() + " dead letters")));
            case BACKLOG -> snapshot.recipients().stream()
                    .filter(r -> rule.watches(r.recipient()) && r.backlog() != null && r.backlog() > rule.above())
                    .forEach(r -> found.add(alert(rule, r.recipient(), now, r.backlog(),
                            r.backlog() + " messages waiting")));
            case CIRCUIT_OPEN -> snapshot.recipients().stream()
                    .filter(r -> rule.watches(r.recipient()) && r.breaker() != null
                            && (r.breaker().equals("OPEN") || r.breaker().equals("FORCED_OPEN")))
                    .forEach(r -> found.add(alert(rule, r.recipient(), now, 1, "circuit " + r.breaker())));
            case SILENT_FEED -> snapshot.silentFeeds().forEach(s -> found.add(alert(rule,
                    s.force() + "/" + s.system(), now, s.silentFor().toSeconds(),
                    "silent for " + s.silentFor().withNanos(0) + ", cadence " + s.cadence())));
        }
        return found;
    }

    private static Alert alert(AlertRule rule, String subject, Instant now, long value, String detail) {
        return new Alert(rule.id() + ":" + subject, rule.id(), rule.kind().code(), subject, now, value, detail);
    }

    private void raise(Alert alert) {
        active.put(alert.key(), alert);
        record(new Event(alert.raisedAt(), "raised", alert.key()));
        meters.counter("forcelink.alerts.raised", "rule", alert.rule()).increment();
        AtomicLong gauge = gauges.computeIfAbsent(alert.key(), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("forcelink.alerts.active", value, AtomicLong::get)
                    .description("1 while the alert is raised")
                    .tags(Tags.of("rule", alert.rule(), "subject", alert.subject())).register(meters);
            return value;
        });
        gauge.set(1);
        log.warn("alert raised rule={} subject={} value={}", alert.rule(), alert.subject(), alert.value());
    }

    private void clear(Alert alert, Instant now) {
        active.remove(alert.key());
        record(new Event(now, "cleared", alert.key()));
        meters.counter("forcelink.alerts.cleared", "rule", alert.rule()).increment();
        gauges.get(alert.key()).set(0);
        log.warn("alert cleared rule={} subject={}", alert.rule(), alert.subject());
    }

    private void record(Event event) {
        history.addFirst(event);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    public synchronized List<Alert> active() {
        return active.values().stream().sorted(Comparator.comparing(Alert::raisedAt)).toList();
    }

    public synchronized List<Event> history() {
        return List.copyOf(history);
    }

    /** How many times alerts of the rule were raised and cleared since start. */
    public long raisedCount(String rule) {
        Counter counter = meters.find("forcelink.alerts.raised").tag("rule", rule).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    public long clearedCount(String rule) {
        Counter counter = meters.find("forcelink.alerts.cleared").tag("rule", rule).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    public List<AlertRule> rules() {
        return rules;
    }
}
