package org.forcelink.routing;

import org.forcelink.HubProperties;
import org.forcelink.tracking.JourneyRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the subscriptions and provides the dispatcher the canonical-dispatch route calls. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    Subscriptions subscriptions(HubProperties properties) {
        return Subscriptions.load(properties.configDir().resolve("subscriptions.yaml"));
    }

    @Bean
    Dispatcher dispatcher(Subscriptions subscriptions, JourneyRecorder journey) {
        return new Dispatcher(subscriptions, journey);
    }
}
