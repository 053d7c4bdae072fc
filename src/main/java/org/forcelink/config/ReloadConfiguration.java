package org.forcelink.config;

import java.time.Clock;
import java.time.Duration;
import org.forcelink.HubProperties;
import org.forcelink.mapping.MappingCatalog;
import org.forcelink.mapping.SourceMappers;
import org.forcelink.reference.ReferenceData;
import org.forcelink.registry.ForceRegistry;
import org.forcelink.security.ForceCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the record of refused files and the reloader that applies edits of mappings and force files. */
@Configuration(proxyBeanMethods = false)
class ReloadConfiguration {

    @Bean
    ReloadStatus reloadStatus() {
        return new ReloadStatus(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "forcelink.reload.enabled", havingValue = "true", matchIfMissing = true)
    ConfigReloader configReloader(MappingCatalog catalog, ForceRegistry registry, ForceCredentials credentials,
            ReferenceData reference, SourceMappers mappers, ReloadStatus status, HubProperties properties,
            @Value("${forcelink.reload.interval:1s}") Duration interval) {
        return new ConfigReloader(catalog, properties.configDir().resolve("forces"), registry, credentials, reference,
                mappers, status, interval);
    }
}
