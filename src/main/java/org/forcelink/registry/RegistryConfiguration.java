package org.forcelink.registry;

import org.forcelink.HubProperties;
import org.forcelink.reference.ReferenceData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the connected forces and their systems at start-up. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    ForceRegistry forceRegistry(HubProperties properties, ReferenceData reference) {
        return ForceRegistry.load(properties.configDir().resolve("forces"), reference);
    }
}
