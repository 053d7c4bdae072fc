package org.forcelink.registry;

import org.forcelink.HubProperties;
import org.forcelink.config.ReloadStatus;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the connected forces and their systems at start-up; the config reloader keeps them current. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    ForceRegistry forceRegistry(HubProperties properties, ReferenceData reference, SourceMappers mappers,
            ReloadStatus status) {
        return ForceRegistry.load(properties.configDir().resolve("forces"), reference, mappers::knows, status);
    }
}
