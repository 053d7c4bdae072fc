package org.forcelink.ingest.file;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator alerts of the file drop: folders in the inbox that are not read, because no registered
 * system declaring the file channel matches them or because they are links. Each is logged once at
 * WARN (force and system only) and stays listed for as long as the inbox still shows it; the console
 * and the metrics read the list here.
 */
public class InboxAlerts {

    private static final Logger log = LoggerFactory.getLogger(InboxAlerts.class);

    /** A folder that is not read; {@code system} is null for a folder at the force level. */
    public record Alert(String force, String system, Path folder, String reason, Instant since) {}

    private final Clock clock;
    private Map<Path, Alert> alerts = Map.of();

    public InboxAlerts(Clock clock) {
        this.clock = clock;
    }

    /**
     * Replaces the alerts with what one look at the inbox found: new folders are logged, folders no longer
     * found (removed, or registered since) are cleared, standing ones keep the time they were first seen.
     */
    synchronized void update(List<Alert> found) {
        Map<Path, Alert> next = new LinkedHashMap<>();
        for (Alert alert : found) {
            Alert earlier = alerts.get(alert.folder());
            if (earlier != null && earlier.reason().equals(alert.reason())) {
                next.put(alert.folder(), earlier);
            } else {
                next.put(alert.folder(), alert);
                log.warn("inbox folder {} is not read: {}", alert.system() == null ? alert.force()
                        : alert.force() + "/" + alert.system(), alert.reason());
            }
        }
        alerts = Map.copyOf(next);
    }

    /** A new alert for a folder, stamped now. */
    Alert alert(String force, String system, Path folder, String reason) {
        return new Alert(force, system, folder, reason, clock.instant());
    }

    /** Every standing alert, oldest first. */
    public synchronized List<Alert> current() {
        return alerts.values().stream()
                .sorted(Comparator.comparing(Alert::since).thenComparing(alert -> alert.folder().toString()))
                .toList();
    }

    /** How many folders are not read right now. */
    public synchronized int count() {
        return alerts.size();
    }
}
