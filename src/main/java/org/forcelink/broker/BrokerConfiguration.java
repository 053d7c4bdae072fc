package org.forcelink.broker;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.forcelink.HubProperties;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.routing.Subscriptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes sure the broker has the hub's addresses and queues before any route starts consuming. */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    /** Marker bean: exists once the topology is on the broker. Routes start after all beans exist. */
    record TopologyApplied(int queues) {}

    /** The broker password every checkout knows; accepted only in development mode. */
    static final String DEVELOPMENT_PASSWORD = "forcelink-dev";

    @Bean
    TopologyApplied brokerTopology(ObjectProvider<EmbeddedActiveMQ> embedded, ArtemisProperties artemis,
            Subscriptions subscriptions, HubProperties properties, ForceRegistry registry) throws Exception {
        if (!properties.devMode() && DEVELOPMENT_PASSWORD.equals(properties.broker().password())) {
            throw new IllegalStateException("the broker password is the development default; set "
                    + "FORCELINK_BROKER_PASSWORD (or forcelink.broker.password) outside development mode");
        }
        embedded.getIfAvailable();
        BrokerTopology.apply(artemis.getBrokerUrl(), artemis.getUser(), artemis.getPassword(), subscriptions,
                registry);
        return new TopologyApplied(BrokerTopology.queues(subscriptions).size()
                + BrokerTopology.channelQueues(registry).size());
    }
}
