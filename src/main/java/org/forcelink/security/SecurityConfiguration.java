package org.forcelink.security;

import org.forcelink.HubProperties;
import org.forcelink.registry.ForceRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires force credentials and rate limits from the registry. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ForceCredentials forceCredentials(ForceRegistry registry, HubProperties properties) {
        return ForceCredentials.from(registry, System::getenv, properties.devMode());
    }

    @Bean
    RateLimiter rateLimiter(ForceRegistry registry) {
        return new RateLimiter(registry, System::nanoTime);
    }
}
