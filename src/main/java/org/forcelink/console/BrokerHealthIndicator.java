package org.forcelink.console;

import java.util.OptionalLong;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** DOWN when the broker does not answer a queue query on the ingest queue within the call timeout. */
public class BrokerHealthIndicator extends AbstractHealthIndicator {

    private final QueueDepths queues;

    public BrokerHealthIndicator(QueueDepths queues) {
        super("broker health check failed");
        this.queues = queues;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OptionalLong ingest = queues.count("ingest");
        if (ingest.isPresent()) {
            builder.up().withDetail("ingestBacklog", ingest.getAsLong());
        } else {
            builder.down().withDetail("reason", "broker unreachable or ingest queue missing");
        }
    }
}
