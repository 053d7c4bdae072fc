package org.forcelink.reference;

import org.forcelink.HubProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the reference code lists from the hub's config folder once at start-up. */
@Configuration(proxyBeanMethods = false)
class ReferenceDataConfiguration {

    @Bean
    ReferenceData referenceData(HubProperties properties) {
        return ReferenceData.load(properties.configDir().resolve("reference"));
    }
}
