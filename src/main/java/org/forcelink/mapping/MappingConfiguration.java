package org.forcelink.mapping;

import org.forcelink.HubProperties;
import org.forcelink.canonical.CanonicalValidator;
import org.forcelink.config.ReloadStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compiles the declarative mappings of {@code <home>/mappings/} at start-up. */
@Configuration(proxyBeanMethods = false)
class MappingConfiguration {

    @Bean
    MappingCatalog mappingCatalog(HubProperties properties, CanonicalValidator validator, ReloadStatus status) {
        MappingCompiler compiler = new MappingCompiler(
                new ReferenceLists(properties.configDir().resolve("reference")), validator);
        return new MappingCatalog(properties.homeDir().resolve("mappings"), compiler, status).loadAll();
    }
}
