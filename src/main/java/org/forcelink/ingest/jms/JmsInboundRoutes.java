package org.forcelink.ingest.jms;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.forcelink.registry.Channel;
import org.forcelink.registry.ForceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one {@code jms-in} route (routes/jms-in.camel.yaml, a route template) per registered system that
 * declares the jms channel, named {@code jms-in.<force>.<system>} after the queue it consumes.
 */
public class JmsInboundRoutes implements CamelContextConfiguration {

    /** Id of the route template in routes/jms-in.camel.yaml. */
    public static final String TEMPLATE = "jms-in";

    private static final Logger log = LoggerFactory.getLogger(JmsInboundRoutes.class);

    private final ForceRegistry registry;

    public JmsInboundRoutes(ForceRegistry registry) {
        this.registry = registry;
    }

    /** The id of the route consuming a system's inbound queue. */
    public static String routeId(String force, String system) {
        return TEMPLATE + "." + force + "." + system;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // Templates are loaded with the routes; the routes are added once they are.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (ForceRegistry.ForceSystem source : registry.systemsUsing(Channel.JMS)) {
            String routeId = routeId(source.force(), source.system().id());
            TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                    .routeId(routeId)
                    .parameter("force", source.force())
                    .parameter("system", source.system().id())
                    .add();
            log.info("started {} for {}/{}", routeId, source.force(), source.system().id());
        }
    }
}
