package org.forcelink.tracking;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.Model;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Lets a test take the Police National Database down: while {@link #down()} is set, the pnd-out route's
 * send fails the way an unreachable recipient does, so records go through the real retries into
 * {@code dlq.pnd}. The retries keep their count; only their waits are shortened to 1 ms.
 */
public class PndOutage implements CamelContextConfiguration {

    private final AtomicBoolean down = new AtomicBoolean();

    public void down() {
        down.set(true);
    }

    public void up() {
        down.set(false);
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        // routes are not loaded yet
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        try {
            RouteConfigurationDefinition errors = camel.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteConfigurationDefinitions().stream()
                    .filter(configuration -> "delivery-errors".equals(configuration.getId()))
                    .findFirst().orElseThrow();
            for (OnExceptionDefinition onException : errors.getOnExceptions()) {
                onException.getRedeliveryPolicyType().setRedeliveryDelay("1");
                onException.getRedeliveryPolicyType().setMaximumRedeliveryDelay("1");
            }
            AdviceWith.adviceWith(camel, "pnd-out", route -> route.weaveById("pnd-send").before().process(exchange -> {
                if (down.get()) {
                    throw new IOException("PND is unreachable");
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("cannot install the PND outage switch", e);
        }
    }
}
