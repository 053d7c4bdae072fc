package org.forcelink.console;

import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * DOWN, naming the routes, when the supervising route controller has given up restarting a route: its
 * records are not flowing and will not until someone acts, so the hub is not ready.
 */
public class RoutesHealthIndicator extends AbstractHealthIndicator {

    private final Overview overview;

    public RoutesHealthIndicator(Overview overview) {
        super("routes health check failed");
        this.overview = overview;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> exhausted = overview.exhaustedRoutes();
        if (exhausted.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("exhaustedRoutes", exhausted);
        }
    }
}
