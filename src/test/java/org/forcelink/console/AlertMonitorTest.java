package org.forcelink.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alert state machine: raised once, cleared once, held conditions, and rule file problems. */
class AlertMonitorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static Overview.Snapshot snapshot(Instant at, long backlog, long deadLetters, String breaker) {
        return new Overview.Snapshot(at, List.of(), List.of(), List.of(),
                List.of(new Overview.RecipientState("pnd", backlog, deadLetters, breaker)));
    }

    private AlertMonitor monitor(AlertRule... rules) {
        return new AlertMonitor(null, List.of(rules), meters, Clock.systemUTC());
    }

    @Test
    void raisesOnceWhileTheConditionHoldsAndClearsOnce() {
        AlertMonitor monitor = monitor(new AlertRule("dlq", AlertRule.Kind.DEAD_LETTERS, 0, Duration.ZERO, null));
        monitor.evaluate(snapshot(T0, 0, 0, "CLOSED"));
        for (int i = 1; i <= 5; i++) {
            monitor.evaluate(snapshot(T0.plusSeconds(i), 0, i, "CLOSED"));
        }
        assertThat(monitor.active()).extracting(AlertMonitor.Alert::key).containsExactly("dlq:pnd");
        assertThat(monitor.active().get(0).detail()).isEqualTo("5 dead letters");
        assertThat(monitor.active().get(0).raisedAt()).isEqualTo(T0.plusSeconds(1));
        monitor.evaluate(snapshot(T0.plusSeconds(6), 0, 0, "CLOSED"));
        monitor.evaluate(snapshot(T0.plusSeconds(7), 0, 0, "CLOSED"));
        assertThat(monitor.active()).isEmpty();
        assertThat(monitor.raisedCount("dlq")).isEqualTo(1);
        assertThat(monitor.clearedCount("dlq")).isEqualTo(1);
        assertThat(monitor.history()).extracting(AlertMonitor.Event::type).containsExactly("cleared", "raised");
        assertThat(meters.get("forcelink.alerts.active").tag("subject", "pnd").gauge().value()).isZero();
    }

    @Test
    void backlogMustHoldForItsDurationAndAShortDipStartsTheWaitAgain() {
        AlertMonitor monitor = monitor(new AlertRule("backlog", AlertRule.Kind.BACKLOG, 10, Duration.ofMinutes(5),
                null));
        monitor.evaluate(snapshot(T0, 11, 0, null));
        monitor.evaluate(snapshot(T0.plus(Duration.ofMinutes(4)), 50, 0, null));
        monitor.evaluate(snapshot(T0.plus(Duration.ofMinutes(4).plusSeconds(30)), 10, 0, null));
        monitor.evaluate(snapshot(T0.plus(Duration.ofMinutes(6)), 50, 0, null));
        assertThat(monitor.active()).isEmpty();
        monitor.evaluate(snapshot(T0.plus(Duration.ofMinutes(11)), 50, 0, null));
        assertThat(monitor.active()).extracting(AlertMonitor.Alert::key).containsExactly("backlog:pnd");
        assertThat(monitor.raisedCount("backlog")).isEqualTo(1);
        assertThat(monitor.clearedCount("backlog")).isZero();
    }

    @Test
    void circuitOpenWatchesTheNamedRecipientOnly() {
        AlertMonitor monitor = monitor(new AlertRule("pnd-open", AlertRule.Kind.CIRCUIT_OPEN, 0, Duration.ZERO, "pnd"),
                new AlertRule("other-open", AlertRule.Kind.CIRCUIT_OPEN, 0, Duration.ZERO, "custody-health"));
        monitor.evaluate(snapshot(T0, 0, 0, "OPEN"));
        monitor.evaluate(snapshot(T0.plusSeconds(1), 0, 0, "HALF_OPEN"));
        monitor.evaluate(snapshot(T0.plusSeconds(2), 0, 0, "OPEN"));
        assertThat(monitor.raisedCount("pnd-open")).isEqualTo(2);
        assertThat(monitor.clearedCount("pnd-open")).isEqualTo(1);
        assertThat(monitor.raisedCount("other-open")).isZero();
    }

    @Test
    void ruleFileProblemsNameTheRule(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("alerts.yaml");
        Files.writeString(file, "rules:\n  - id: a\n    kind: dead-letters\n  - id: b\n    kind: queue-size\n");
        assertThatThrownBy(() -> AlertRule.load(file)).hasMessage(file + ": rules[1]: kind 'queue-size' is not one of"
                + " dead-letters, backlog, silent-feed, circuit-open");
        Files.writeString(file, "rules:\n  - id: a\n    kind: backlog\n    for: five minutes\n");
        assertThatThrownBy(() -> AlertRule.load(file))
                .hasMessage(file + ": rules[0]: for must be an ISO-8601 duration such as PT5M");
        assertThat(AlertRule.load(dir.resolve("missing.yaml"))).isEmpty();
        assertThat(AlertRule.load(Path.of("config/alerts.yaml"))).extracting(AlertRule::id)
                .containsExactly("dead-letters", "backlog", "silent-feed", "circuit-open");
    }

    @Test
    void cadencesComeFromTheForceFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kent.yaml"), "force: kent\nsystems:\n  custody:\n    cadence: PT1H\n"
                + "  crime:\n    family: canonical-json\n");
        assertThat(FeedCadences.load(dir)).containsExactly(new FeedCadences.Cadence("kent", "custody",
                Duration.ofHours(1)));
        Files.writeString(dir.resolve("kent.yaml"), "force: kent\nsystems:\n  custody:\n    cadence: hourly\n");
        assertThatThrownBy(() -> FeedCadences.load(dir)).hasMessage(dir.resolve("kent.yaml")
                + ": system 'custody' has cadence 'hourly', which is not a positive ISO-8601 duration such as PT1H");
    }
}
