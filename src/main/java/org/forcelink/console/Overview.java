package org.forcelink.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.apache.camel.spi.SupervisingRouteController;
import org.forcelink.routing.Recipient;
import org.forcelink.routing.Subscriptions;
import org.forcelink.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the console's overview and the alert rules look at: each route's state, inbound records per force
 * system over the last hour, feeds silent past their cadence, each recipient's backlog, dead letters and
 * circuit-breaker state. Taken fresh on each call; nothing here holds personal data.
 */
public class Overview {

    /** The breaker gauges Resilience4j's Micrometer binding registers (value 1 for the current state). */
    static final String BREAKER_GAUGE = "resilience4j.circuitbreaker.state";

    public record RouteState(String id, String description, String status, boolean exhausted, String lastError) {}

    public record Inbound(String force, String system, long lastHour) {}

    public record SilentFeed(String force, String system, Duration cadence, Instant lastReceivedAt,
            Duration silentFor) {}

    public record RecipientState(String recipient, Long backlog, Long deadLetters, String breaker) {}

    public record Snapshot(Instant at, List<RouteState> routes, List<Inbound> inbound, List<SilentFeed> silentFeeds,
            List<RecipientState> recipients) {

        /** The same snapshot narrowed to one force's feeds, for a force-scoped caller. */
        Snapshot forCaller(Caller caller) {
            if (caller.seesAllForces()) {
                return this;
            }
            return new Snapshot(at, routes, inbound.stream().filter(i -> caller.sees(i.force())).toList(),
                    silentFeeds.stream().filter(s -> caller.sees(s.force())).toList(), recipients);
        }
    }

    private final CamelContext camel;
    private final JdbcTemplate jdbc;
    private final QueueDepths queues;
    private final Subscriptions subscriptions;
    private final Supplier<List<FeedCadences.Cadence>> cadences;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Instant startedAt;

    public Overview(CamelContext camel, JdbcTemplate jdbc, QueueDepths queues, Subscriptions subscriptions,
            Supplier<List<FeedCadences.Cadence>> cadences, MeterRegistry meters, Clock clock) {
        this.camel = camel;
        this.jdbc = jdbc;
        this.queues = queues;
        this.subscriptions = subscriptions;
        this.cadences = cadences;
        this.meters = meters;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        return new Snapshot(now, routes(), inbound(now), silentFeeds(now), recipients());
    }

    public List<RouteState> routes() {
        RouteController controller = camel.getRouteController();
        SupervisingRouteController supervising = controller instanceof SupervisingRouteController s ? s : null;
        List<RouteState> states = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = controller.getRouteStatus(route.getRouteId());
            boolean exhausted = false;
            String lastError = null;
            if (supervising != null) {
                exhausted = supervising.getExhaustedRoutes().stream()
                        .anyMatch(r -> r.getRouteId().equals(route.getRouteId()));
                var error = supervising.getRestartException(route.getRouteId());
                lastError = error == null ? null : error.getClass().getSimpleName();
            }
            states.add(new RouteState(route.getRouteId(), route.getDescription(),
                    exhausted ? "Exhausted" : status == null ? "Unknown" : status.name(), exhausted, lastError));
        }
        states.sort(Comparator.comparing(RouteState::id));
        return states;
    }

    /** Routes the supervising controller has given up restarting. */
    public List<String> exhaustedRoutes() {
        if (camel.getRouteController() instanceof SupervisingRouteController supervising) {
            return supervising.getExhaustedRoutes().stream().map(Route::getRouteId).sorted().toList();
        }
        return List.of();
    }

    private List<Inbound> inbound(Instant now) {
        return jdbc.query("select force_code, system_id, count(*) from message where received_at >= ?"
                + " group by force_code, system_id order by force_code, system_id",
                (row, n) -> new Inbound(row.getString(1), row.getString(2), row.getLong(3)),
                Timestamp.from(now.minus(Duration.ofHours(1))));
    }

    private List<SilentFeed> silentFeeds(Instant now) {
        List<SilentFeed> silent = new ArrayList<>();
        for (FeedCadences.Cadence cadence : cadences.get()) {
            Timestamp last = jdbc.queryForObject("select max(received_at) from message where force_code = ?"
                    + " and system_id = ?", Timestamp.class, cadence.force(), cadence.system());
            Instant lastReceived = last == null ? null : last.toInstant();
            // A feed never heard from counts from the hub's start, so a fresh hub does not alarm at once.
            Instant since = lastReceived == null ? startedAt : lastReceived;
            Duration quiet = Duration.between(since, now);
            if (quiet.compareTo(cadence.every()) > 0) {
                silent.add(new SilentFeed(cadence.force(), cadence.system(), cadence.every(), lastReceived, quiet));
            }
        }
        return silent;
    }

    private List<RecipientState> recipients() {
        Map<String, String> breakers = breakerStates();
        List<RecipientState> states = new ArrayList<>();
        for (Recipient recipient : subscriptions.recipients()) {
            states.add(new RecipientState(recipient.id(), boxed(queues.count("deliver." + recipient.id())),
                    boxed(queues.count("dlq." + recipient.id())), breakers.get(recipient.id())));
        }
        return states;
    }

    /** Each breaker's current state, by breaker name; found by gauge name so any recipient transport works. */
    Map<String, String> breakerStates() {
        Map<String, String> states = new TreeMap<>();
        for (Gauge gauge : meters.find(BREAKER_GAUGE).gauges()) {
            String name = gauge.getId().getTag("name");
            String state = gauge.getId().getTag("state");
            if (name != null && state != null && gauge.value() >= 1.0) {
                states.put(name, state.toUpperCase());
            }
        }
        return states;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
